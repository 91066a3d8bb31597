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
  'payouts.returned': 'Bon retour de Stripe. Voici où en est votre compte.',
  'error.reference': 'Référence : {correlationId}',
  'error.tooManyRequests': 'Trop de requêtes. Réessayez {retryIn}.',
};
