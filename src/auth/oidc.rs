//! Signing in at the city's identity provider with OpenID Connect, on the `openidconnect`
//! crate: discovery (retried while the provider cannot be reached), the authorization code
//! flow with PKCE, `state` and `nonce`, ID tokens checked against the provider's published
//! keys (read again when it rotates them) with one pinned algorithm, RP-initiated logout and
//! back-channel logout tokens. What a verified sign-in means for accounts is `domain`'s.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use openidconnect::core::{
    CoreAuthDisplay, CoreAuthPrompt, CoreAuthenticationFlow, CoreErrorResponseType,
    CoreGenderClaim, CoreJsonWebKey, CoreJsonWebKeySet, CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm, CoreRevocableToken, CoreRevocationErrorResponse,
    CoreTokenIntrospectionResponse, CoreTokenType,
};
use openidconnect::{
    AdditionalClaims, AuthorizationCode, Client, ClientId, ClientSecret, CsrfToken,
    EmptyExtraTokenFields, EndpointMaybeSet, EndpointNotSet, EndpointSet, IdTokenFields, IssuerUrl,
    LogoutRequest, Nonce, PkceCodeChallenge, PkceCodeVerifier, PostLogoutRedirectUrl,
    ProviderMetadataWithLogout, RedirectUrl, Scope, StandardErrorResponse, StandardTokenResponse,
    TokenResponse,
};
use serde::{Deserialize, Serialize};

use crate::config::IdentityProviderSettings;

/// Claims beyond the standard ones (a district, an assurance level under another name).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct OtherClaims(HashMap<String, serde_json::Value>);
impl AdditionalClaims for OtherClaims {}

type CityIdTokenFields = IdTokenFields<
    OtherClaims,
    EmptyExtraTokenFields,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;
type CityTokenResponse = StandardTokenResponse<CityIdTokenFields, CoreTokenType>;
type CityClient = Client<
    OtherClaims,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    CityTokenResponse,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// Why a sign-in at a provider did not give a verified person. Nothing of it is shown to
/// the person but its kind; the detail goes to the log.
#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    #[error("there is no identity provider `{0}`")]
    UnknownProvider(String),
    #[error("the identity provider cannot be reached: {0}")]
    Unreachable(String),
    /// The provider refused the code (used already, expired, or not for this client).
    #[error("the identity provider refused the sign-in: {0}")]
    CodeRefused(String),
    /// The ID token is missing, forged, expired, for someone else, or not this sign-in's.
    #[error("the identity provider's answer cannot be trusted: {0}")]
    Untrusted(String),
}

/// Where to send the browser, and what its callback must match.
pub struct Departure {
    pub url: String,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

/// A person the provider vouched for in a verified ID token, with the claims eligibility
/// may use.
#[derive(Clone, Debug)]
pub struct VerifiedPerson {
    pub issuer: String,
    pub subject: String,
    pub email: Option<String>,
    pub email_verified: bool,
    pub name: Option<String>,
    /// The birth date claim as sent (`YYYY-MM-DD`, or `YYYY` alone).
    pub birth_date: Option<String>,
    /// The age claim, when the provider sends an age rather than a birth date.
    pub age: Option<i32>,
    /// The district claim as sent.
    pub district: Option<String>,
    /// The assurance level (`acr` unless configured otherwise).
    pub assurance: Option<String>,
}

/// A provider's discovery document, with the keys it published when last read.
struct Discovered {
    metadata: ProviderMetadataWithLogout,
    at: Instant,
}

struct Provider {
    settings: IdentityProviderSettings,
    discovered: RwLock<Option<Arc<Discovered>>>,
    /// When the keys were last read again for a logout token signed with a key not known
    /// yet: at most once in `KEY_REFRESH_GAP`, since anyone can post one with a made-up key
    /// id. (ID tokens come from the provider's own token endpoint: those always may.)
    keys_refreshed: Mutex<Option<Instant>>,
}

const DISCOVERY_MAX_AGE: Duration = Duration::from_secs(24 * 3600);
const KEY_REFRESH_GAP: Duration = Duration::from_secs(5);
const HTTP_TIMEOUT: Duration = Duration::from_secs(5);

/// Every configured provider, shared by the server's workers.
pub struct IdentityProviders {
    providers: Vec<Provider>,
    http: reqwest::Client,
}

impl IdentityProviders {
    pub fn new(settings: &[IdentityProviderSettings]) -> Self {
        let http = reqwest::Client::builder()
            // A provider's answers are read where they are; following redirects would let a
            // discovery document send us anywhere.
            .redirect(reqwest::redirect::Policy::none())
            .timeout(HTTP_TIMEOUT)
            .connect_timeout(Duration::from_secs(2))
            .build()
            .unwrap_or_default();
        IdentityProviders {
            providers: settings
                .iter()
                .map(|s| Provider {
                    settings: s.clone(),
                    discovered: RwLock::new(None),
                    keys_refreshed: Mutex::new(None),
                })
                .collect(),
            http,
        }
    }

    /// The configured providers, in the order they were given.
    pub fn settings(&self) -> impl Iterator<Item = &IdentityProviderSettings> {
        self.providers.iter().map(|p| &p.settings)
    }

    pub fn find(&self, id: &str) -> Option<&IdentityProviderSettings> {
        self.provider(id).ok().map(|p| &p.settings)
    }

    fn provider(&self, id: &str) -> Result<&Provider, SignInError> {
        self.providers
            .iter()
            .find(|p| p.settings.id == id)
            .ok_or_else(|| SignInError::UnknownProvider(id.to_string()))
    }

    /// Reads every provider's discovery document until each has been read, waiting longer
    /// after each failure (up to five minutes). A provider that cannot be reached is logged;
    /// the server serves on, and its sign-in button says the provider cannot be reached.
    pub async fn discover_until_known(self: Arc<Self>) {
        let mut wait = Duration::from_secs(1);
        loop {
            let mut missing = 0;
            for provider in &self.providers {
                if provider.current().is_some() {
                    continue;
                }
                if let Err(e) = self.discover(provider).await {
                    missing += 1;
                    tracing::warn!(provider = %provider.settings.id, error = %e, retry_in_seconds = wait.as_secs(), "identity provider not reachable yet");
                }
            }
            if missing == 0 {
                return;
            }
            tokio::time::sleep(wait).await;
            wait = (wait * 2).min(Duration::from_secs(300));
        }
    }

    async fn discover(&self, provider: &Provider) -> Result<Arc<Discovered>, SignInError> {
        let issuer = IssuerUrl::new(provider.settings.issuer.clone())
            .map_err(|e| SignInError::Unreachable(e.to_string()))?;
        let metadata = ProviderMetadataWithLogout::discover_async(issuer, &self.http)
            .await
            .map_err(|e| SignInError::Unreachable(error_chain(&e)))?;
        let discovered = Arc::new(Discovered {
            metadata,
            at: Instant::now(),
        });
        *provider
            .discovered
            .write()
            .unwrap_or_else(|p| p.into_inner()) = Some(discovered.clone());
        tracing::info!(provider = %provider.settings.id, "identity provider discovered");
        Ok(discovered)
    }

    /// The provider's document, read now if it was never read or is a day old.
    async fn metadata(&self, provider: &Provider) -> Result<Arc<Discovered>, SignInError> {
        match provider.current() {
            Some(d) if d.at.elapsed() < DISCOVERY_MAX_AGE => Ok(d),
            Some(old) => Ok(self.discover(provider).await.unwrap_or(old)),
            None => self.discover(provider).await,
        }
    }

    fn client(
        provider: &Provider,
        discovered: &Discovered,
        redirect: &str,
    ) -> Result<CityClient, SignInError> {
        let redirect = RedirectUrl::new(redirect.to_string())
            .map_err(|e| SignInError::Unreachable(format!("bad callback address: {e}")))?;
        Ok(CityClient::from_provider_metadata(
            discovered.metadata.clone(),
            ClientId::new(provider.settings.client_id.clone()),
            Some(ClientSecret::new(
                provider.settings.client_secret.expose().to_string(),
            )),
        )
        .set_redirect_uri(redirect))
    }

    /// Starts a sign-in: the provider's address for the browser, with a fresh state, nonce
    /// and PKCE challenge (S256).
    pub async fn depart(&self, id: &str, redirect: &str) -> Result<Departure, SignInError> {
        let provider = self.provider(id)?;
        let discovered = self.metadata(provider).await?;
        let client = Self::client(provider, &discovered, redirect)?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .set_pkce_challenge(challenge);
        for scope in &provider.settings.scopes {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        let (url, state, nonce) = request.url();
        Ok(Departure {
            url: url.to_string(),
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
        })
    }

    /// Finishes a sign-in: exchanges the code (with the PKCE verifier) and checks the ID
    /// token's signature against the provider's keys with the one configured algorithm, and
    /// its issuer, audience, expiry and nonce.
    pub async fn arrive(
        &self,
        id: &str,
        redirect: &str,
        code: &str,
        pkce_verifier: &str,
        nonce: &str,
    ) -> Result<VerifiedPerson, SignInError> {
        let provider = self.provider(id)?;
        let discovered = self.metadata(provider).await?;
        let client = Self::client(provider, &discovered, redirect)?;
        let tokens = client
            .exchange_code(AuthorizationCode::new(code.to_string()))
            .map_err(|e| SignInError::Unreachable(e.to_string()))?
            .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier.to_string()))
            .request_async(&self.http)
            .await
            .map_err(|e| match e {
                openidconnect::RequestTokenError::ServerResponse(answer) => {
                    SignInError::CodeRefused(answer.to_string())
                }
                openidconnect::RequestTokenError::Request(e) => {
                    SignInError::Unreachable(error_chain(&e))
                }
                other => SignInError::Untrusted(error_chain(&other)),
            })?;
        let id_token = tokens
            .id_token()
            .ok_or_else(|| SignInError::Untrusted("the answer has no ID token".into()))?;
        let nonce = Nonce::new(nonce.to_string());
        let algorithm = pinned_algorithm(&provider.settings)?;
        let verify = |client: &CityClient| {
            let verifier = client
                .id_token_verifier()
                .set_allowed_algs(vec![algorithm.clone()]);
            id_token.claims(&verifier, &nonce).cloned()
        };
        let claims = match verify(&client) {
            Err(openidconnect::ClaimsVerificationError::SignatureVerification(
                openidconnect::SignatureVerificationError::NoMatchingKey,
            )) => {
                // Signed with a key we have not seen: the provider may have rotated its keys.
                let discovered = self.refresh_keys(provider, &discovered, false).await?;
                verify(&Self::client(provider, &discovered, redirect)?)
            }
            other => other,
        }
        .map_err(|e| SignInError::Untrusted(error_chain(&e)))?;
        let settings = &provider.settings;
        let other = &claims.additional_claims().0;
        let text = |name: &str| {
            other.get(name).and_then(|v| match v {
                serde_json::Value::String(s) => Some(s.clone()),
                serde_json::Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
        };
        let birth_date = if settings.birthdate_claim == "birthdate" {
            claims.birthdate().map(|b| b.to_string())
        } else {
            text(&settings.birthdate_claim)
        };
        let age = settings
            .age_claim
            .as_deref()
            .and_then(text)
            .and_then(|a| a.trim().parse::<i32>().ok())
            .filter(|a| (0..150).contains(a));
        let district = match settings.district_claim.as_deref() {
            Some(field) if field.starts_with("address.") => {
                claims
                    .address()
                    .and_then(|a| match &field["address.".len()..] {
                        "locality" => a.locality.as_ref().map(|l| l.as_str().to_string()),
                        "postal_code" => a.postal_code.as_ref().map(|p| p.as_str().to_string()),
                        "region" => a.region.as_ref().map(|r| r.as_str().to_string()),
                        _ => None,
                    })
            }
            other => other.and_then(text),
        };
        let assurance = if settings.assurance_claim == "acr" {
            claims.auth_context_ref().map(|a| a.to_string())
        } else {
            text(&settings.assurance_claim)
        };
        Ok(VerifiedPerson {
            issuer: claims.issuer().to_string(),
            subject: claims.subject().to_string(),
            email: claims.email().map(|e| e.to_string()),
            email_verified: claims.email_verified().unwrap_or(false),
            name: claims
                .name()
                .and_then(|n| n.get(None))
                .map(|n| n.to_string()),
            birth_date,
            age,
            district,
            assurance,
        })
    }

    /// Reads the provider's keys again (when `limited`, not more often than every few
    /// seconds).
    async fn refresh_keys(
        &self,
        provider: &Provider,
        discovered: &Arc<Discovered>,
        limited: bool,
    ) -> Result<Arc<Discovered>, SignInError> {
        if limited {
            let mut last = provider
                .keys_refreshed
                .lock()
                .unwrap_or_else(|p| p.into_inner());
            if last.is_some_and(|t| t.elapsed() < KEY_REFRESH_GAP) {
                return Ok(provider.current().unwrap_or_else(|| discovered.clone()));
            }
            *last = Some(Instant::now());
        }
        let keys = CoreJsonWebKeySet::fetch_async(discovered.metadata.jwks_uri(), &self.http)
            .await
            .map_err(|e| SignInError::Unreachable(error_chain(&e)))?;
        let refreshed = Arc::new(Discovered {
            metadata: discovered.metadata.clone().set_jwks(keys),
            at: discovered.at,
        });
        *provider
            .discovered
            .write()
            .unwrap_or_else(|p| p.into_inner()) = Some(refreshed.clone());
        tracing::info!(provider = %provider.settings.id, "identity provider keys read again");
        Ok(refreshed)
    }

    /// Where the browser goes to end its session at the provider too (RP-initiated logout),
    /// when the provider offers it; it comes back to `come_back_to`.
    pub async fn logout_url(&self, id: &str, come_back_to: &str) -> Option<String> {
        let provider = self.provider(id).ok()?;
        let discovered = self.metadata(provider).await.ok()?;
        let end = discovered
            .metadata
            .additional_metadata()
            .end_session_endpoint
            .clone()?;
        let back = PostLogoutRedirectUrl::new(come_back_to.to_string()).ok()?;
        Some(
            LogoutRequest::from(end)
                .set_client_id(ClientId::new(provider.settings.client_id.clone()))
                .set_post_logout_redirect_uri(back)
                .http_get_url()
                .to_string(),
        )
    }

    /// Checks a back-channel logout token (OpenID Connect Back-Channel Logout 1.0): signed
    /// by the provider with the pinned algorithm, for this client, recent, with the logout
    /// event, a subject and no nonce. Returns the (issuer, subject) whose sessions end.
    pub async fn logout_token(
        &self,
        id: &str,
        token: &str,
    ) -> Result<(String, String), SignInError> {
        let provider = self.provider(id)?;
        let discovered = self.metadata(provider).await?;
        match check_logout_token(&provider.settings, &discovered.metadata, token) {
            Err(LogoutTokenError::UnknownKey) => {
                let discovered = self.refresh_keys(provider, &discovered, true).await?;
                check_logout_token(&provider.settings, &discovered.metadata, token)
            }
            other => other,
        }
        .map_err(|e| SignInError::Untrusted(e.to_string()))
    }
}

impl Provider {
    fn current(&self) -> Option<Arc<Discovered>> {
        self.discovered
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

fn pinned_algorithm(
    settings: &IdentityProviderSettings,
) -> Result<CoreJwsSigningAlgorithm, SignInError> {
    serde_json::from_value(serde_json::Value::String(
        settings.signing_algorithm.clone(),
    ))
    .map_err(|e| SignInError::Untrusted(format!("signing algorithm: {e}")))
}

/// An error with its causes, for the log.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[derive(Debug, thiserror::Error)]
enum LogoutTokenError {
    #[error("signed with a key the provider does not publish")]
    UnknownKey,
    #[error("{0}")]
    Invalid(String),
}

const LOGOUT_EVENT: &str = "http://schemas.openid.net/event/backchannel-logout";

#[derive(Deserialize)]
struct LogoutClaims {
    iss: String,
    sub: Option<String>,
    #[serde(default)]
    events: HashMap<String, serde_json::Value>,
    nonce: Option<serde_json::Value>,
}

fn check_logout_token(
    settings: &IdentityProviderSettings,
    metadata: &ProviderMetadataWithLogout,
    token: &str,
) -> Result<(String, String), LogoutTokenError> {
    use jsonwebtoken::{jwk::JwkSet, Algorithm, DecodingKey, Validation};
    let invalid = |why: &str| LogoutTokenError::Invalid(why.to_string());
    let algorithm: Algorithm = settings
        .signing_algorithm
        .parse()
        .map_err(|_| invalid("unsupported algorithm"))?;
    let header = jsonwebtoken::decode_header(token).map_err(|e| invalid(&e.to_string()))?;
    if header.alg != algorithm {
        return Err(invalid(
            "signed with another algorithm than the configured one",
        ));
    }
    let keys: JwkSet = serde_json::to_value(metadata.jwks())
        .and_then(serde_json::from_value)
        .map_err(|e| invalid(&format!("the provider's keys: {e}")))?;
    let jwk = match &header.kid {
        Some(kid) => keys.find(kid),
        None if keys.keys.len() == 1 => keys.keys.first(),
        None => None,
    }
    .ok_or(LogoutTokenError::UnknownKey)?;
    let key = DecodingKey::from_jwk(jwk).map_err(|e| invalid(&e.to_string()))?;
    let mut validation = Validation::new(algorithm);
    validation.set_audience(&[settings.client_id.as_str()]);
    validation.set_issuer(&[metadata.issuer().as_str()]);
    validation.set_required_spec_claims(&["iss", "aud", "iat", "exp"]);
    let claims = jsonwebtoken::decode::<LogoutClaims>(token, &key, &validation)
        .map_err(|e| invalid(&e.to_string()))?
        .claims;
    if !claims.events.contains_key(LOGOUT_EVENT) {
        return Err(invalid("no back-channel logout event"));
    }
    if claims.nonce.is_some() {
        return Err(invalid("a logout token carries no nonce"));
    }
    let subject = claims
        .sub
        .ok_or_else(|| invalid("no subject (sessions are ended by subject)"))?;
    Ok((claims.iss, subject))
}
