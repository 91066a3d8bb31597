import { ApiProperty } from '@nestjs/swagger';

export class LogoutResponseDto {
  @ApiProperty({
    description: 'Always true: the token (or, signing out everywhere, every token) is refused from now on',
    type: Boolean,
    enum: [true],
    example: true,
  })
  loggedOut!: true;
}
