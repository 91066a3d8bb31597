import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

// class-validator runs a property's checks bottom-up and reports only the first that fails, so the type check
// sits closest to the property: a missing email reads "email must be an email", not "must be shorter than...".
export class LoginRequestDto {
  @ApiProperty({ example: 'creator.active@demo.bio.re', maxLength: 254 })
  @MaxLength(254)
  @IsEmail()
  email!: string;

  @ApiProperty({ example: 'demo-password', minLength: 1, maxLength: 256, format: 'password' })
  @MaxLength(256)
  @MinLength(1)
  @IsString()
  password!: string;
}
