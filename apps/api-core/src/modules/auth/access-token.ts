export const ACCESS_TOKEN_COOKIE = 'access_token';
/** HS256 only: a token naming any other algorithm (`none`, RS256 with our secret as a "public key") is refused. */
export const ACCESS_TOKEN_ALGORITHM = 'HS256';
