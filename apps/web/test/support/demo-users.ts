export const DEMO_PASSWORD = 'demo-password';

export const DEMO = {
  active: 'creator.active@demo.bio.re',
  pending: 'creator.pending@demo.bio.re',
  restricted: 'creator.restricted@demo.bio.re',
  noAccount: 'creator.noaccount@demo.bio.re',
  fan: 'fan@demo.bio.re',
} as const;
