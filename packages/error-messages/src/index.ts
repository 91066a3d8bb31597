export { en, type MessageKey } from './en.js';
export { fr } from './fr.js';
