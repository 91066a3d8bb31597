import type { MessageKey } from './en.js';

export const fr: Record<MessageKey, string> = {
  'common.validation_failed': 'La requête est invalide.',
  'common.not_found': "Il n'y a rien à cette adresse.",
  'common.rate_limit_exceeded': 'Trop de requêtes. Réessayez plus tard.',
  'common.payload_too_large': 'Le corps de la requête est trop volumineux.',
  'common.unsupported_media_type': 'Envoyez le corps de la requête en JSON.',
  'common.request_headers_too_large': 'Les en-têtes de la requête sont trop volumineux.',
  'common.request_timeout': 'La requête a mis trop de temps à arriver.',
  'common.expectation_failed': "Le serveur ne peut pas satisfaire l'en-tête Expect de la requête.",
  'common.service_unavailable': 'Le service est momentanément indisponible. Réessayez dans un instant.',
  'common.internal_error': 'Une erreur est survenue de notre côté.',
  'auth.login.invalid_credentials': 'Adresse e-mail ou mot de passe incorrect.',
  'auth.token.missing': 'Connectez-vous pour continuer.',
  'auth.token.invalid': 'Votre session est invalide. Reconnectez-vous.',
  'auth.token.expired': 'Votre session a expiré. Reconnectez-vous.',
  'auth.token.user_not_found': "Ce compte n'existe plus.",
  'auth.token.revoked': 'Cette session a été fermée. Reconnectez-vous.',
  'auth.cross_origin_request':
    "Cette requête venait d'un autre site et a été refusée. Passez par l'application.",
  'creator.stripe.not_creator':
    "Les versements sont réservés aux créateurs. Créez d'abord un profil de créateur.",
  'creator.stripe.account_not_found':
    "Vous n'avez pas encore de compte Stripe. Commencez la configuration des versements.",
  'creator.stripe.not_active': 'Terminez la configuration de votre compte (statut actuel : {status}).',
  'creator.stripe.service_unavailable': 'Les versements ne sont pas disponibles pour le moment.',
  'creator.stripe.account_invalid': 'Votre compte Stripe est inaccessible. Contactez le support.',
  'creator.stripe.not_express':
    "Votre compte Stripe n'a pas de tableau de bord Express. Contactez le support.",
  'creator.stripe.onboarding_incomplete': "Terminez d'abord la configuration de votre compte sur Stripe.",
  'creator.stripe.rate_limited': 'Stripe est surchargé. Réessayez dans un instant.',
  'creator.stripe.timeout': "Stripe n'a pas répondu à temps. Réessayez.",
  'creator.stripe.unavailable': 'Stripe est indisponible pour le moment. Réessayez plus tard.',
  'creator.stripe.request_rejected': 'Stripe a refusé la requête. Nous avons été prévenus.',
  'creator.stripe.already_active':
    'Vos versements sont déjà configurés. Ouvrez plutôt votre tableau de bord Stripe.',
  'creator.stripe.onboarding_state_invalid':
    'Ce lien de configuration est invalide ou a expiré. Recommencez la configuration des versements.',
  'creator.stripe.onboarding_link_expired':
    'Ce lien de configuration a déjà servi ou a expiré. Poursuivez la configuration des versements depuis cette page.',
  'creator.stripe.payout_failure.account_closed':
    'Votre compte bancaire a été clôturé. Ajoutez un autre compte bancaire.',
  'creator.stripe.payout_failure.account_frozen':
    'Votre compte bancaire est gelé. Ajoutez un autre compte bancaire ou contactez votre banque.',
  'creator.stripe.payout_failure.bank_account_restricted':
    "Votre compte bancaire n'accepte pas ce type de versement (c'est peut-être un compte d'épargne). Ajoutez un compte courant.",
  'creator.stripe.payout_failure.bank_ownership_changed':
    'Votre agence bancaire a changé de propriétaire : les coordonnées du compte ne sont plus valables. Ajoutez de nouveau le compte bancaire.',
  'creator.stripe.payout_failure.could_not_process':
    "Votre banque n'a pas pu traiter le versement. Vérifiez les coordonnées de votre compte bancaire.",
  'creator.stripe.payout_failure.debit_not_authorized':
    "Votre compte bancaire n'autorise pas les prélèvements, nécessaires aux versements. Renseignez-vous auprès de votre banque ou ajoutez un autre compte.",
  'creator.stripe.payout_failure.declined':
    'Votre banque a refusé le versement. Contactez votre banque ou ajoutez un autre compte bancaire.',
  'creator.stripe.payout_failure.incorrect_account_holder_address':
    "Votre banque indique que l'adresse du titulaire du compte est erronée. Mettez à jour les coordonnées bancaires.",
  'creator.stripe.payout_failure.incorrect_account_holder_name':
    'Votre banque indique que le nom du titulaire du compte est erroné. Mettez à jour les coordonnées bancaires.',
  'creator.stripe.payout_failure.incorrect_account_holder_tax_id':
    'Votre banque indique que le numéro fiscal du titulaire du compte est erroné. Mettez à jour les coordonnées bancaires.',
  'creator.stripe.payout_failure.insufficient_funds':
    'Le versement a échoué faute de solde suffisant. Il sera retenté ; rien à faire de votre côté.',
  'creator.stripe.payout_failure.invalid_account_number':
    'Le numéro de compte bancaire est invalide. Vérifiez-le ou ajoutez un autre compte bancaire.',
  'creator.stripe.payout_failure.invalid_currency':
    'Votre compte bancaire ne peut pas recevoir cette devise. Ajoutez un compte dans la devise des versements.',
  'creator.stripe.payout_failure.no_account':
    'Aucun compte bancaire ne correspond à ces coordonnées. Vérifiez-les ou ajoutez un autre compte bancaire.',
  'creator.stripe.payout_failure.unsupported_card':
    'Votre banque ne prend plus en charge les versements vers cette carte. Ajoutez un compte bancaire.',
  'webhook.stripe.signature_invalid':
    'La signature Stripe de ce webhook est absente, invalide ou trop ancienne.',
  'webhook.stripe.not_configured': 'Les webhooks Stripe ne sont pas encore configurés sur ce serveur.',
};
