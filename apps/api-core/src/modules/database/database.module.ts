import { Global, Module } from '@nestjs/common';
import { databaseUrlProvider } from './database-url.provider.js';
import { DemoDataSeeder } from './demo-data.seeder.js';
import { PrismaService } from './prisma.service.js';

@Global()
@Module({
  providers: [databaseUrlProvider, PrismaService, DemoDataSeeder],
  exports: [PrismaService],
})
export class DatabaseModule {}
