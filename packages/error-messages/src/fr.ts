import type { MessageKey } from './en.js';

export const fr: Record<MessageKey, string> = {
  'common.validation_failed': 'La requête est invalide.',
  'common.not_found': "Il n'y a rien à cette adresse.",
  'common.rate_limit_exceeded': 'Trop de requêtes. Réessayez plus tard.',
  'common.payload_too_large': 'Le corps de la requête est trop volumineux.',
  'common.unsupported_media_type': 'Envoyez le corps de la requête en JSON.',
  'common.request_headers_too_large': 'Les en-têtes de la requête sont trop volumineux.',
  'common.request_timeout': 'La requête a mis trop de temps à arriver.',
  'common.service_unavailable': 'Le service est momentanément indisponible. Réessayez dans un instant.',
  'common.internal_error': 'Une erreur est survenue de notre côté.',
  'auth.login.invalid_credentials': 'Adresse e-mail ou mot de passe incorrect.',
  'auth.token.missing': 'Connectez-vous pour continuer.',
  'auth.token.invalid': 'Votre session est invalide. Reconnectez-vous.',
  'auth.token.expired': 'Votre session a expiré. Reconnectez-vous.',
  'auth.token.user_not_found': "Ce compte n'existe plus.",
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
  'webhook.stripe.signature_invalid':
    'La signature Stripe de ce webhook est absente, invalide ou trop ancienne.',
  'webhook.stripe.not_configured': 'Les webhooks Stripe ne sont pas encore configurés sur ce serveur.',
};
