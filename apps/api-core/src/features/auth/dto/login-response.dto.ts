import { ApiProperty } from '@nestjs/swagger';

export class LoginResponseDto {
  @ApiProperty({
    description: 'JWT to send as `Authorization: Bearer <accessToken>`',
    example: 'eyJhbGciOiJIUzI1NiJ9...',
  })
  accessToken!: string;

  @ApiProperty({ enum: ['Bearer'], example: 'Bearer' })
  tokenType!: 'Bearer';

  @ApiProperty({ description: 'Seconds until the token (and its cookie) expire', example: 3600 })
  expiresIn!: number;
}
