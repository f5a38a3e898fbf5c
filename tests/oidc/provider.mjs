// Test OpenID Provider for budgetbox integration tests. NOT for production use.
//
// Usage: node tests/oidc/provider.mjs --port PORT   (PORT 0 = any free port)
//
// Listens on 127.0.0.1 only. Once listening it prints exactly one line to
// stdout:  issuer http://127.0.0.1:<port>
// Everything else (oidc-provider notices included) goes to stderr.
//
// See README.md next to this file for the users, clients and /test/ endpoints.

import * as http from 'node:http';
import * as crypto from 'node:crypto';
import { format } from 'node:util';

import Provider, { errors } from 'oidc-provider';
import {
  SignJWT,
  base64url,
  calculateJwkThumbprint,
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
} from 'jose';

// Keep stdout for the single "issuer ..." line: oidc-provider prints its
// notices with console.info, so route every console method to stderr.
for (const method of ['log', 'info', 'debug', 'warn']) {
  // eslint-disable-next-line no-console
  console[method] = (...args) => process.stderr.write(`${format(...args)}\n`);
}
const log = (...args) => process.stderr.write(`[test-oidc] ${format(...args)}\n`);

// ---------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------

function parsePort(argv) {
  let raw = '0';
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--port') {
      raw = argv[i + 1];
      i += 1;
    } else if (argv[i].startsWith('--port=')) {
      raw = argv[i].slice('--port='.length);
    } else {
      throw new Error(`unknown argument: ${argv[i]}`);
    }
  }
  if (raw === undefined || !/^\d{1,5}$/.test(raw) || Number(raw) > 65535) {
    throw new Error('--port must be an integer between 0 and 65535');
  }
  return Number(raw);
}

let port;
try {
  port = parsePort(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`${err.message}\nusage: node provider.mjs --port PORT\n`);
  process.exit(2);
}

// ---------------------------------------------------------------------------
// Users
// ---------------------------------------------------------------------------

const USERNAME_RE = /^[a-z0-9-]{3,40}$/;

const FIXED_USERS = new Map([
  ['eligible', {
    password: 'eligible-pass',
    acr: 'high',
    claims: {
      sub: 'eligible-0001',
      email: 'eligible@resident.example',
      email_verified: true,
      name: 'Elena Eligible',
      birthdate: '1990-05-17',
      district: 'north',
    },
  }],
  ['ineligible', {
    password: 'ineligible-pass',
    acr: 'low',
    claims: {
      sub: 'ineligible-0002',
      email: 'ineligible@resident.example',
      email_verified: true,
      name: 'Ian Ineligible',
      birthdate: '2015-02-02',
      district: 'elsewhere',
    },
  }],
]);
const FIXED_BY_SUB = new Map([...FIXED_USERS.values()].map((u) => [u.claims.sub, u]));

function genericClaims(username) {
  // Users whose name starts with "aged-" have an age and a postal address instead of a birth
  // date and a district, as some identity providers send.
  if (username.startsWith('aged-')) {
    return {
      sub: username,
      email: `${username}@resident.example`,
      email_verified: true,
      name: username,
      age: 40,
      address: { locality: 'north', postal_code: '00-001', country: 'PL' },
    };
  }
  return {
    sub: username,
    email: `${username}@resident.example`,
    email_verified: true,
    name: username,
    birthdate: '1985-01-01',
    district: 'north',
  };
}

function constantEquals(a, b) {
  const x = Buffer.from(String(a));
  const y = Buffer.from(String(b));
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

// Returns { accountId, acr } or undefined.
function authenticate(username, password) {
  if (typeof username !== 'string' || typeof password !== 'string') return undefined;
  const fixed = FIXED_USERS.get(username);
  if (fixed) {
    return constantEquals(password, fixed.password)
      ? { accountId: fixed.claims.sub, acr: fixed.acr }
      : undefined;
  }
  // A generic user's sub is its username, so the fixed users' subs are not
  // usable as generic usernames.
  if (USERNAME_RE.test(username) && !FIXED_BY_SUB.has(username) && constantEquals(password, 'pass')) {
    return { accountId: username, acr: 'high' };
  }
  return undefined;
}

function claimsFor(accountId) {
  const fixed = FIXED_BY_SUB.get(accountId);
  if (fixed) return { ...fixed.claims };
  if (USERNAME_RE.test(accountId)) return genericClaims(accountId);
  return undefined;
}

async function findAccount(ctx, sub) {
  const claims = claimsFor(sub);
  if (!claims) return undefined;
  return {
    accountId: sub,
    // oidc-provider filters these by the granted scopes/claims.
    async claims() { return { ...claims }; },
  };
}

// ---------------------------------------------------------------------------
// Clients
// ---------------------------------------------------------------------------

const REDIRECT_URI_RE = /^http:\/\/127\.0\.0\.1:\d+\/auth\/oidc\/[a-z0-9-]+\/callback$/;
const POST_LOGOUT_REDIRECT_URI_RE = /^http:\/\/127\.0\.0\.1:\d+\/.*$/;
const MISBEHAVING = ['tamper', 'wrong-aud', 'expired', 'alg-none', 'hs256', 'wrong-nonce', 'wrong-iss'];

const CLIENT_SECRETS = new Map([
  ['budgetbox', 'budgetbox-secret-0123456789abcdef0123456789'],
  ...MISBEHAVING.map((id) => [id, `${id}-secret-0123456789abcdef0123456789`]),
]);

const CLIENTS = [...CLIENT_SECRETS].map(([clientId, secret]) => ({
  client_id: clientId,
  client_secret: secret,
  application_type: 'web',
  grant_types: ['authorization_code'],
  response_types: ['code'],
  token_endpoint_auth_method: 'client_secret_basic',
  // Placeholders: the real check is the regex override below, because the
  // relying party under test listens on random loopback ports.
  redirect_uris: ['http://127.0.0.1:1/auth/oidc/city/callback'],
  post_logout_redirect_uris: ['http://127.0.0.1:1/'],
}));

// ---------------------------------------------------------------------------
// Storage shared by every Provider instance (survives /test/rotate)
// ---------------------------------------------------------------------------

const store = new Map(); // key -> { value, expiresAt }
const GRANTABLE = new Set([
  'AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode',
  'BackchannelAuthenticationRequest', 'PreAuthorizedCode',
]);

function storeGet(key) {
  const entry = store.get(key);
  if (!entry) return undefined;
  if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
    store.delete(key);
    return undefined;
  }
  return entry.value;
}

function storeSet(key, value, expiresIn) {
  store.set(key, {
    value,
    expiresAt: typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : undefined,
  });
}

setInterval(() => {
  const now = Date.now();
  for (const [key, entry] of store) {
    if (entry.expiresAt !== undefined && entry.expiresAt <= now) store.delete(key);
  }
}, 60_000).unref();

class SharedMemoryAdapter {
  constructor(model) { this.model = model; }

  key(id) { return `${this.model}:${id}`; }

  async upsert(id, payload, expiresIn) {
    const key = this.key(id);
    if (this.model === 'Session') storeSet(`sessionUid:${payload.uid}`, id, expiresIn);
    if (GRANTABLE.has(this.model) && payload.grantId) {
      const grantKey = `grant:${payload.grantId}`;
      const members = storeGet(grantKey) ?? new Set();
      members.add(key);
      storeSet(grantKey, members);
    }
    if (payload.userCode) storeSet(`userCode:${payload.userCode}`, id, expiresIn);
    storeSet(key, payload, expiresIn);
  }

  async find(id) { return storeGet(this.key(id)); }

  async findByUid(uid) {
    const id = storeGet(`sessionUid:${uid}`);
    return id === undefined ? undefined : this.find(id);
  }

  async findByUserCode(userCode) {
    const id = storeGet(`userCode:${userCode}`);
    return id === undefined ? undefined : this.find(id);
  }

  async consume(id) {
    const payload = storeGet(this.key(id));
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id) { store.delete(this.key(id)); }

  async revokeByGrantId(grantId) {
    const grantKey = `grant:${grantId}`;
    for (const key of storeGet(grantKey) ?? []) store.delete(key);
    store.delete(grantKey);
  }
}

// ---------------------------------------------------------------------------
// HTML
// ---------------------------------------------------------------------------

const escapeHtml = (value) => String(value)
  .replace(/&/g, '&amp;')
  .replace(/</g, '&lt;')
  .replace(/>/g, '&gt;')
  .replace(/"/g, '&quot;')
  .replace(/'/g, '&#39;');

function page(title, body) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

function loginPage(uid, { error, username } = {}) {
  const alert = error ? `<p role="alert">${escapeHtml(error)}</p>\n` : '';
  const value = username ? ` value="${escapeHtml(username)}"` : '';
  return page('Sign in - City ID', `<h1>City ID</h1>
${alert}<form method="post" action="/interaction/${encodeURIComponent(uid)}/login">
<p><label for="username">Username</label>
<input id="username" name="login" autocomplete="username"${value}></p>
<p><label for="password">Password</label>
<input id="password" type="password" name="password" autocomplete="current-password"></p>
<p><button type="submit">Sign in</button></p>
</form>`);
}

function sendHtml(res, status, html) {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(html),
  });
  res.end(html);
}

function sendJson(res, status, value) {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

function sendText(res, status, text) {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function readBody(req, limit = 64 * 1024) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > limit) throw Object.assign(new Error('request body too large'), { status: 413 });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

// ---------------------------------------------------------------------------
// Keys and the current Provider instance
// ---------------------------------------------------------------------------

const COOKIE_KEYS = ['budgetbox-test-oidc-cookie-key-0001-not-a-secret'];

const state = {
  issuer: undefined,
  key: undefined, // { kid, privateKey, jwk }
  provider: undefined,
  handler: undefined,
};

async function newSigningKey() {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  return {
    kid,
    privateKey,
    jwk: { ...jwk, kid, use: 'sig', alg: 'RS256' },
  };
}

async function signWithCurrentKey(payload, header = {}) {
  const { kid, privateKey } = state.key;
  return new SignJWT(payload)
    .setProtectedHeader({ ...header, alg: 'RS256', kid })
    .sign(privateKey);
}

function decodeIdToken(idToken) {
  return { header: decodeProtectedHeader(idToken), payload: decodeJwt(idToken) };
}

// How each misbehaving client's ID token is rewritten in the /token response.
const REWRITES = {
  async tamper(idToken) {
    const [header, , signature] = idToken.split('.');
    const payload = decodeJwt(idToken);
    payload.name = `${payload.name ?? ''}(tampered)`;
    return `${header}.${base64url.encode(JSON.stringify(payload))}.${signature}`;
  },
  async 'wrong-aud'(idToken) {
    const { header, payload } = decodeIdToken(idToken);
    return signWithCurrentKey({ ...payload, aud: 'someone-else' }, header);
  },
  async expired(idToken) {
    const { header, payload } = decodeIdToken(idToken);
    const now = Math.floor(Date.now() / 1000);
    return signWithCurrentKey({ ...payload, iat: now - 7200, exp: now - 3600 }, header);
  },
  async 'alg-none'(idToken) {
    const [, payload] = idToken.split('.');
    return `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${payload}.`;
  },
  async hs256(idToken, clientId) {
    const { payload } = decodeIdToken(idToken);
    const secret = new TextEncoder().encode(CLIENT_SECRETS.get(clientId));
    return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(secret);
  },
  async 'wrong-nonce'(idToken) {
    const { header, payload } = decodeIdToken(idToken);
    return signWithCurrentKey({ ...payload, nonce: 'not-the-nonce' }, header);
  },
  async 'wrong-iss'(idToken) {
    const { header, payload } = decodeIdToken(idToken);
    return signWithCurrentKey({ ...payload, iss: 'http://127.0.0.1:1/evil' }, header);
  },
};

// Skip consent: make sure the client's grant covers everything requested.
async function loadExistingGrant(ctx) {
  const { provider, client, account } = ctx.oidc;
  const grantId = ctx.oidc.result?.consent?.grantId
    || ctx.oidc.session.grantIdFor(client.clientId);
  let grant = grantId ? await provider.Grant.find(grantId) : undefined;
  if (grant && (grant.accountId !== account.accountId || grant.clientId !== client.clientId)) {
    grant = undefined;
  }
  grant ??= new provider.Grant({ clientId: client.clientId, accountId: account.accountId });
  const scopes = [...ctx.oidc.requestParamOIDCScopes];
  if (scopes.length) grant.addOIDCScope(scopes.join(' '));
  const claims = [...ctx.oidc.requestParamClaims];
  if (claims.length) grant.addOIDCClaims(claims);
  await grant.save();
  return grant;
}

function configuration(jwk) {
  return {
    adapter: SharedMemoryAdapter,
    clients: CLIENTS,
    jwks: { keys: [jwk] },
    findAccount,
    loadExistingGrant,
    acrValues: ['low', 'high'],
    claims: {
      acr: null,
      auth_time: null,
      iss: null,
      sid: null,
      // acr is listed under openid so that it is always in the ID token,
      // not only when the client sends acr_values.
      openid: ['sub', 'acr'],
      email: ['email', 'email_verified'],
      profile: ['name', 'birthdate'],
      residence: ['district', 'age', 'address'],
    },
    scopes: ['openid'],
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    allowOmittingSingleRegisteredRedirectUri: false,
    pkce: { required: () => true },
    cookies: { keys: COOKIE_KEYS },
    clientBasedCORS: () => false,
    ttl: {
      AccessToken: 60 * 60,
      AuthorizationCode: 60,
      IdToken: 60 * 60,
      Interaction: 60 * 60,
      Session: 14 * 24 * 60 * 60,
      Grant: 14 * 24 * 60 * 60,
    },
    interactions: {
      url: (ctx, interaction) => `/interaction/${interaction.uid}`,
    },
    features: {
      devInteractions: { enabled: false },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx, form) {
          const button = '<button type="submit" name="logout" value="yes">Sign out</button>';
          const withButton = form.includes('</form>')
            ? form.replace('</form>', `${button}</form>`)
            : `${form}${button.replace('<button ', '<button form="op.logoutForm" ')}`;
          ctx.type = 'html';
          ctx.body = page('Sign out of City ID', `<h1>Sign out of City ID</h1>
<p>Do you want to sign out of City ID?</p>
${withButton}`);
        },
        async postLogoutSuccessSource(ctx) {
          ctx.type = 'html';
          ctx.body = page('Signed out - City ID', '<h1>City ID</h1>\n<p>You are signed out of City ID.</p>');
        },
      },
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      const details = Object.entries(out)
        .map(([key, value]) => `<p><strong>${escapeHtml(key)}</strong>: ${escapeHtml(value)}</p>`)
        .join('\n');
      ctx.body = page('Error - City ID', `<h1>City ID: something went wrong</h1>\n${details}`);
    },
  };
}

function buildProvider(key) {
  const provider = new Provider(state.issuer, configuration(key.jwk));

  provider.Client.prototype.redirectUriAllowed = function redirectUriAllowed(value) {
    return typeof value === 'string' && REDIRECT_URI_RE.test(value);
  };
  provider.Client.prototype.postLogoutRedirectUriAllowed = function postLogoutRedirectUriAllowed(value) {
    return typeof value === 'string' && POST_LOGOUT_REDIRECT_URI_RE.test(value);
  };

  // Rewrite the ID token of the misbehaving clients in the /token response.
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.oidc?.route !== 'token' || ctx.status !== 200) return;
    const body = ctx.body;
    if (!body || typeof body !== 'object' || typeof body.id_token !== 'string') return;
    const clientId = ctx.oidc.client?.clientId;
    const rewrite = REWRITES[clientId];
    if (!rewrite) return;
    ctx.body = { ...body, id_token: await rewrite(body.id_token, clientId) };
    log(`rewrote ID token for client ${clientId}`);
  });

  provider.on('server_error', (ctx, err) => log('server_error', ctx?.path, err));

  return provider;
}

async function installKey(key) {
  const provider = buildProvider(key);
  state.key = key;
  state.provider = provider;
  state.handler = provider.callback();
}

// ---------------------------------------------------------------------------
// Interaction (login) pages
// ---------------------------------------------------------------------------

async function autoConsent(req, res, provider, details) {
  const { prompt: { details: missing }, params, session } = details;
  let grant = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
  grant ??= new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

async function handleInteraction(req, res, uid, action) {
  const { provider } = state;
  let details;
  try {
    details = await provider.interactionDetails(req, res);
  } catch (err) {
    if (err instanceof errors.SessionNotFound) {
      sendHtml(res, 400, page('Error - City ID', '<h1>City ID</h1>\n<p role="alert">Your sign-in request has expired. Go back to the application and start again.</p>'));
      return;
    }
    throw err;
  }
  if (details.uid !== uid) {
    sendHtml(res, 400, page('Error - City ID', '<h1>City ID</h1>\n<p role="alert">This sign-in request does not match your session. Go back to the application and start again.</p>'));
    return;
  }

  if (details.prompt.name === 'consent') {
    // Not expected (loadExistingGrant grants everything), but never ask.
    await autoConsent(req, res, provider, details);
    return;
  }
  if (details.prompt.name !== 'login') {
    sendHtml(res, 400, page('Error - City ID', `<h1>City ID</h1>\n<p role="alert">Unsupported interaction: ${escapeHtml(details.prompt.name)}</p>`));
    return;
  }

  if (action === undefined && req.method === 'GET') {
    sendHtml(res, 200, loginPage(uid));
    return;
  }
  if (action === 'login' && req.method === 'POST') {
    const form = new URLSearchParams(await readBody(req));
    const username = form.get('login') ?? '';
    const result = authenticate(username, form.get('password') ?? '');
    if (!result) {
      log(`login failed for ${JSON.stringify(username)}`);
      sendHtml(res, 200, loginPage(uid, { error: 'Wrong username or password.', username }));
      return;
    }
    log(`login ok: ${result.accountId} (acr ${result.acr}) for client ${details.params.client_id}`);
    await provider.interactionFinished(req, res, {
      login: { accountId: result.accountId, acr: result.acr, amr: ['pwd'] },
    }, { mergeWithLastSubmission: false });
    return;
  }
  sendText(res, 405, 'method not allowed');
}

// ---------------------------------------------------------------------------
// /test/ endpoints
// ---------------------------------------------------------------------------

const LOOPBACK_URI_RE = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+\//;

async function backchannelLogout(req, res) {
  let input;
  try {
    input = JSON.parse(await readBody(req));
  } catch {
    sendJson(res, 400, { error: 'body must be JSON' });
    return;
  }
  const { client_id: clientId, sub, uri } = input ?? {};
  if (typeof clientId !== 'string' || !clientId || typeof sub !== 'string' || !sub || typeof uri !== 'string') {
    sendJson(res, 400, { error: 'client_id, sub and uri are required strings' });
    return;
  }
  if (!LOOPBACK_URI_RE.test(uri)) {
    sendJson(res, 400, { error: 'uri must be an http URL on a loopback address' });
    return;
  }
  const now = Math.floor(Date.now() / 1000);
  const logoutToken = await signWithCurrentKey({
    iss: state.issuer,
    aud: clientId,
    iat: now,
    exp: now + 120,
    jti: crypto.randomUUID(),
    sub,
    events: { 'http://schemas.openid.net/event/backchannel-logout': {} },
  }, { typ: 'logout+jwt' });

  let status;
  try {
    const response = await fetch(uri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ logout_token: logoutToken }).toString(),
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
    });
    status = response.status;
    await response.arrayBuffer().catch(() => {});
  } catch (err) {
    log(`backchannel logout POST to ${uri} failed: ${err.message}`);
    sendJson(res, 502, { error: `POST to uri failed: ${err.message}`, logout_token: logoutToken });
    return;
  }
  log(`backchannel logout for sub ${sub} (client ${clientId}) -> ${uri}: ${status}`);
  sendJson(res, 200, { status, logout_token: logoutToken });
}

async function handleTest(req, res, path) {
  if (path === '/test/health') {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'method not allowed');
    return sendText(res, 200, 'ok');
  }
  if (path === '/test/rotate') {
    if (req.method !== 'POST') return sendText(res, 405, 'method not allowed');
    const key = await newSigningKey();
    await installKey(key);
    log(`rotated signing key, kid ${key.kid}`);
    return sendJson(res, 200, { kid: key.kid });
  }
  if (path === '/test/backchannel-logout') {
    if (req.method !== 'POST') return sendText(res, 405, 'method not allowed');
    return backchannelLogout(req, res);
  }
  return sendText(res, 404, 'not found');
}

// ---------------------------------------------------------------------------
// HTTP server
// ---------------------------------------------------------------------------

const INTERACTION_RE = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login))?$/;

const server = http.createServer(async (req, res) => {
  try {
    if (!state.handler) {
      sendText(res, 503, 'starting');
      return;
    }
    const path = new URL(req.url, 'http://127.0.0.1').pathname;
    if (path.startsWith('/test/')) {
      await handleTest(req, res, path);
      return;
    }
    const interaction = INTERACTION_RE.exec(path);
    if (interaction) {
      await handleInteraction(req, res, interaction[1], interaction[2]);
      return;
    }
    await state.handler(req, res);
  } catch (err) {
    log('request failed', req.method, req.url, err);
    if (!res.headersSent) {
      sendText(res, err.status ?? 500, err.status ? err.message : 'internal error');
    } else {
      res.destroy();
    }
  }
});

server.on('error', (err) => {
  log('server error', err);
  process.exit(1);
});

server.listen(port, '127.0.0.1', async () => {
  try {
    state.issuer = `http://127.0.0.1:${server.address().port}`;
    await installKey(await newSigningKey());
    process.stdout.write(`issuer ${state.issuer}\n`);
    log(`listening; signing kid ${state.key.kid}`);
  } catch (err) {
    log('startup failed', err);
    process.exit(1);
  }
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close();
    server.closeAllConnections?.();
    process.exit(0);
  });
}
