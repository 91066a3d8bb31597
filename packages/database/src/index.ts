export * from './generated/prisma/client.js';
export { hashPassword, verifyPassword } from './password-hash.js';
export {
  createPgAdapter,
  createPgPool,
  createPrismaClient,
  type DatabaseConnectionOptions,
  pgAdapterOn,
} from './prisma-client.js';
