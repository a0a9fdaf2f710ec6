/** The server's version, as in package.json (a test keeps them equal). */
export const serverVersion = '0.1.0';
