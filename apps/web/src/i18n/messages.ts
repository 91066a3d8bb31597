import * as errorMessages from '@biore/error-messages';

/**
 * Every text of the page, in English (the fallback) and French. Besides the page's own texts, the keys are the API's
 * stable `i18nKey`s (their texts come from @biore/error-messages, the API's own), so an error is shown from its key;
 * `{name}` takes the error's `i18nVars.name`. `status.*` name the Stripe account statuses (in a sentence: the badge
 * capitalises them).
 */
export const en = {
  ...errorMessages.en,
  'app.brand': 'bio.re',
  'app.title': 'Payouts',
  'app.documentTitle': 'bio.re · Payouts',
  'app.loading': 'Loading…',
  'language.label': 'Language',
  'signIn.title': 'Sign in to manage your payouts',
  'signIn.email': 'Email',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.submitting': 'Signing in…',
  'signIn.otherAccount': 'Use another account',
  'signIn.sessionEnded': 'Your session has ended. Sign in again to continue.',
  'signIn.problem.email': 'Enter a valid email address (at most 254 characters).',
  'signIn.problem.password': 'Enter your password (at most 256 characters).',
  'signOut.submit': 'Sign out',
  'signOut.submitting': 'Signing out…',
  'status.ACTIVE': 'active',
  'status.PENDING': 'pending',
  'status.RESTRICTED': 'restricted',
  'status.DISABLED': 'disabled',
  'payouts.status': 'Stripe account status',
  'payouts.active.text':
    'Your payouts are set up. Balances, payouts and bank details are on your Stripe dashboard.',
  'payouts.manage': 'Manage payouts',
  'payouts.opening': 'Opening Stripe…',
  'payouts.finish.title': 'Finish setting up your account',
  'payouts.finish.text': 'Stripe needs a few more details before you can get paid.',
  'payouts.finish': 'Continue on Stripe',
  'payouts.start.title': 'Get paid with Stripe',
  'payouts.start.text': 'Set up your Stripe account to receive your earnings.',
  'payouts.start': 'Start onboarding',
  'payouts.provide.title': 'Stripe needs more information',
  'payouts.provide.text': 'Give Stripe the details it asks for so that you keep getting paid.',
  'payouts.provide.deadline':
    'Give Stripe the details it asks for by {date}, or your payouts will be paused.',
  'payouts.provide': 'Provide information',
  'payouts.review.title': 'Stripe is reviewing your account',
  'payouts.review.text':
    'Stripe is checking the information you gave. There is nothing to do for now: check again later for the result.',
  'payouts.support.title': 'Your payouts are on hold',
  'payouts.support.text':
    'Stripe has stopped payouts to this account, and there is nothing you can give it to resume them. Contact our support team: we will look into it with Stripe.',
  'payouts.support': 'Contact support',
  'payouts.bank.title': 'Update your bank account',
  'payouts.bank.failed': 'Your last payout could not be sent to your bank account: {reason}',
  'payouts.bank.text': 'Stripe needs a bank account that can receive your payouts.',
  'payouts.bank': 'Update bank account',
  'payouts.again.title': 'Your Stripe account was disconnected',
  'payouts.again.text':
    'Your Stripe account is no longer connected to bio.re. Set up a new one to get paid again.',
  'payouts.again': 'Start again',
  'payouts.check': 'Check again',
  'payouts.checking': 'Checking with Stripe…',
  'payouts.returned': 'Welcome back from Stripe. Here is where your account stands.',
  'error.reference': 'Reference: {correlationId}',
  'error.tooManyRequests': 'Too many requests. Try again {retryIn}.',
} as const;

export type MessageKey = keyof typeof en;

export const fr: Record<MessageKey, string> = {
  ...errorMessages.fr,
  'app.brand': 'bio.re',
  'app.title': 'Versements',
  'app.documentTitle': 'bio.re · Versements',
  'app.loading': 'Chargement…',
  'language.label': 'Langue',
  'signIn.title': 'Connectez-vous pour gérer vos versements',
  'signIn.email': 'Adresse e-mail',
  'signIn.password': 'Mot de passe',
  'signIn.submit': 'Se connecter',
  'signIn.submitting': 'Connexion…',
  'signIn.otherAccount': 'Utiliser un autre compte',
  'signIn.sessionEnded': 'Votre session a pris fin. Reconnectez-vous pour continuer.',
  'signIn.problem.email': 'Saisissez une adresse e-mail valide (254 caractères au plus).',
  'signIn.problem.password': 'Saisissez votre mot de passe (256 caractères au plus).',
  'signOut.submit': 'Se déconnecter',
  'signOut.submitting': 'Déconnexion…',
  'status.ACTIVE': 'actif',
  'status.PENDING': 'en attente',
  'status.RESTRICTED': 'restreint',
  'status.DISABLED': 'désactivé',
  'payouts.status': 'Statut du compte Stripe',
  'payouts.active.text':
    'Vos versements sont configurés. Soldes, versements et coordonnées bancaires sont sur votre tableau de bord Stripe.',
  'payouts.manage': 'Gérer les versements',
  'payouts.opening': 'Ouverture de Stripe…',
  'payouts.finish.title': 'Terminez la configuration de votre compte',
  'payouts.finish.text': 'Stripe a besoin de quelques informations de plus avant de pouvoir vous payer.',
  'payouts.finish': 'Continuer sur Stripe',
  'payouts.start.title': 'Recevez vos revenus avec Stripe',
  'payouts.start.text': 'Configurez votre compte Stripe pour recevoir vos revenus.',
  'payouts.start': 'Commencer la configuration',
  'payouts.provide.title': 'Stripe a besoin de plus d’informations',
  'payouts.provide.text': 'Donnez à Stripe les informations qu’il demande pour continuer à être payé.',
  'payouts.provide.deadline':
    'Donnez à Stripe les informations qu’il demande avant le {date}, sinon vos versements seront suspendus.',
  'payouts.provide': 'Fournir les informations',
  'payouts.review.title': 'Stripe examine votre compte',
  'payouts.review.text':
    'Stripe vérifie les informations que vous avez données. Rien à faire pour l’instant : vérifiez plus tard pour connaître le résultat.',
  'payouts.support.title': 'Vos versements sont suspendus',
  'payouts.support.text':
    'Stripe a arrêté les versements sur ce compte, et vous ne pouvez rien lui fournir pour les reprendre. Contactez notre équipe d’assistance : nous verrons avec Stripe.',
  'payouts.support': 'Contacter l’assistance',
  'payouts.bank.title': 'Mettez à jour votre compte bancaire',
  'payouts.bank.failed':
    'Votre dernier versement n’a pas pu être envoyé sur votre compte bancaire : {reason}',
  'payouts.bank.text': 'Stripe a besoin d’un compte bancaire qui peut recevoir vos versements.',
  'payouts.bank': 'Mettre à jour le compte bancaire',
  'payouts.again.title': 'Votre compte Stripe a été déconnecté',
  'payouts.again.text':
    'Votre compte Stripe n’est plus relié à bio.re. Configurez-en un nouveau pour être de nouveau payé.',
  'payouts.again': 'Recommencer',
  'payouts.check': 'Vérifier à nouveau',
  'payouts.checking': 'Vérification auprès de Stripe…',
  'payouts.returned': 'Bon retour de Stripe. Voici où en est votre compte.',
  'error.reference': 'Référence : {correlationId}',
  'error.tooManyRequests': 'Trop de requêtes. Réessayez {retryIn}.',
};
