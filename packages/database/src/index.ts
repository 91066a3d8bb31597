export * from './generated/prisma/client.js';
export { hashPassword, verifyPassword } from './password-hash.js';
export { createPgAdapter, createPrismaClient, type DatabaseConnectionOptions } from './prisma-client.js';
