// An OpenID Connect provider for the test suite: panva's oidc-provider on 127.0.0.1.
//
// Started by tests/oidc_fixtures.py as `node tests/oidc/provider.mjs` with its settings as
// JSON in the OIDC_TEST_PROVIDER environment variable:
//   {"clientId": "...", "clientSecret": "...", "redirectUris": ["..."], "accountsFile": "..."}
// It listens on a free port, prints one JSON line {"issuer": "http://127.0.0.1:<port>"} and
// serves until it is stopped. Nothing here reaches the network beyond loopback.
//
// Sign-in and consent are oidc-provider's own development interactions: a login form whose
// login is the account's `sub` (any password), a consent form, and a "[ Cancel ]" link that
// ends the request with error=access_denied. Accounts are read from the accounts file on
// every lookup, so the test can add them while the provider runs.

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

const settings = JSON.parse(process.env.OIDC_TEST_PROVIDER);

function readAccounts() {
  try {
    return JSON.parse(readFileSync(settings.accountsFile, 'utf8'));
  } catch (error) {
    if (error.code === 'ENOENT') return {};
    throw error;
  }
}

async function findAccount(ctx, sub) {
  const claims = readAccounts()[sub];
  if (!claims) return undefined;
  return {
    accountId: sub,
    async claims() {
      return { ...claims, sub };
    },
  };
}

function signingKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: 'test-signing-key', alg: 'RS256', use: 'sig' };
}

const server = createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: settings.clientId,
        client_secret: settings.clientSecret,
        redirect_uris: settings.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username'],
    },
    // Put the scopes' claims in the ID token too (as Google does), not only in userinfo.
    conformIdTokenClaims: false,
    cookies: { keys: [randomBytes(32).toString('hex')] },
    jwks: { keys: [signingKey()] },
    findAccount,
    features: { devInteractions: { enabled: true } },
  });
  server.on('request', provider.callback());
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
