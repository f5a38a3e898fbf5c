//! The city's identity providers (OpenID Connect), from a TOML file or from the command line.

use serde::Deserialize;

/// A client secret: never printed, not even in debug output.
#[derive(Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct ClientSecret(String);

impl ClientSecret {
    pub fn new(secret: impl Into<String>) -> Self {
        ClientSecret(secret.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for ClientSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ClientSecret(…)")
    }
}

/// One provider residents may sign in with. Its callback is
/// `{public_url}/auth/oidc/{id}/callback`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentityProviderSettings {
    /// In addresses: lower-case letters, digits and hyphens.
    pub id: String,
    /// On the button: "Sign in with {name}".
    pub name: String,
    /// Discovery reads `{issuer}/.well-known/openid-configuration`.
    pub issuer: String,
    pub client_id: String,
    #[serde(default)]
    pub client_secret: ClientSecret,
    /// The environment variable holding the secret, instead of writing it in the file.
    #[serde(default)]
    pub client_secret_env: Option<String>,
    /// Asked for besides `openid`.
    #[serde(default = "default_scopes")]
    pub scopes: Vec<String>,
    /// The claim with the birth date (`YYYY-MM-DD` or a year) for the rounds' minimum age.
    #[serde(default = "default_birthdate_claim")]
    pub birthdate_claim: String,
    /// A claim with the age in years, used when the provider sends no birth date.
    #[serde(default)]
    pub age_claim: Option<String>,
    /// The claim naming where the person lives; the council maps its values to districts.
    /// `address.locality`, `address.postal_code` or `address.region` read the standard
    /// `address` claim.
    #[serde(default)]
    pub district_claim: Option<String>,
    /// The claim with the assurance level; the council says which levels verify a voter.
    #[serde(default = "default_assurance_claim")]
    pub assurance_claim: String,
    /// The only algorithm ID tokens may be signed with (RS256, PS256, ES256 or EdDSA).
    #[serde(default = "default_algorithm")]
    pub signing_algorithm: String,
}

fn default_scopes() -> Vec<String> {
    vec!["email".into(), "profile".into()]
}

fn default_birthdate_claim() -> String {
    "birthdate".into()
}

fn default_assurance_claim() -> String {
    "acr".into()
}

fn default_algorithm() -> String {
    "RS256".into()
}

pub const ALGORITHMS: [&str; 4] = ["RS256", "PS256", "ES256", "EdDSA"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProvidersFile {
    #[serde(default)]
    provider: Vec<IdentityProviderSettings>,
}

/// One provider given on the command line (or in `BUDGETBOX_OIDC_*` variables).
pub struct ProviderFlags<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub issuer: &'a str,
    pub client_id: &'a str,
    pub client_secret: &'a str,
    pub scopes: &'a str,
    pub district_claim: Option<&'a str>,
}

impl IdentityProviderSettings {
    pub fn from_flags(flags: &ProviderFlags<'_>) -> Result<Self, String> {
        let provider = IdentityProviderSettings {
            id: flags.id.trim().to_string(),
            name: flags.name.trim().to_string(),
            issuer: flags.issuer.trim().to_string(),
            client_id: flags.client_id.trim().to_string(),
            client_secret: ClientSecret::new(flags.client_secret.trim()),
            client_secret_env: None,
            scopes: flags
                .scopes
                .split_whitespace()
                .map(str::to_string)
                .collect(),
            birthdate_claim: default_birthdate_claim(),
            age_claim: None,
            district_claim: flags
                .district_claim
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_string),
            assurance_claim: default_assurance_claim(),
            signing_algorithm: default_algorithm(),
        };
        provider.checked()
    }

    /// The providers of a TOML file with `[[provider]]` tables.
    pub fn from_file(path: &std::path::Path) -> Result<Vec<Self>, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        Self::from_toml(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    pub fn from_toml(text: &str) -> Result<Vec<Self>, String> {
        let file: ProvidersFile = toml::from_str(text).map_err(|e| e.message().to_string())?;
        let mut providers = Vec::new();
        for mut provider in file.provider {
            if let Some(var) = provider.client_secret_env.clone() {
                let secret = std::env::var(&var).map_err(|_| {
                    format!(
                        "provider `{}`: the variable {var} with its client secret is not set",
                        provider.id
                    )
                })?;
                provider.client_secret = ClientSecret::new(secret.trim());
            }
            providers.push(provider.checked()?);
        }
        Ok(providers)
    }

    fn checked(self) -> Result<Self, String> {
        let id = &self.id;
        let valid_id = !id.is_empty()
            && id.len() <= 32
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid_id {
            return Err(format!(
                "provider id `{id}`: use 1 to 32 lower-case letters, digits or hyphens"
            ));
        }
        let fail = |why: String| Err(format!("provider `{id}`: {why}"));
        if self.name.is_empty() {
            return fail("it needs a name for its button".into());
        }
        let issuer = match url::Url::parse(&self.issuer) {
            Ok(url) => url,
            Err(e) => {
                return fail(format!(
                    "the issuer `{}` is not an address: {e}",
                    self.issuer
                ))
            }
        };
        let loopback = matches!(issuer.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
        if issuer.scheme() != "https" && !(issuer.scheme() == "http" && loopback) {
            return fail(format!(
                "the issuer `{}` must be an https address (http only on this machine)",
                self.issuer
            ));
        }
        if self.client_id.is_empty() {
            return fail("it needs a client id".into());
        }
        if self.client_secret.expose().is_empty() {
            return fail("it needs a client secret".into());
        }
        if !ALGORITHMS.contains(&self.signing_algorithm.as_str()) {
            return fail(format!(
                "signing_algorithm `{}` is not one of {}",
                self.signing_algorithm,
                ALGORITHMS.join(", ")
            ));
        }
        Ok(self)
    }

    /// The issuer's scheme, host and port, for the Content-Security-Policy's `form-action`
    /// (logging out leaves through the provider).
    pub fn origin(&self) -> Option<String> {
        url::Url::parse(&self.issuer)
            .ok()
            .map(|u| u.origin().ascii_serialization())
    }
}

/// Refuses two providers with one id.
pub fn check_unique(providers: &[IdentityProviderSettings]) -> Result<(), String> {
    for (i, p) in providers.iter().enumerate() {
        if providers[..i].iter().any(|q| q.id == p.id) {
            return Err(format!("two identity providers have the id `{}`", p.id));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_lists_providers_and_refuses_what_cannot_work() {
        let ok = "[[provider]]\nid = \"city\"\nname = \"City ID\"\nissuer = \"https://id.riverton.example/realms/residents\"\nclient_id = \"budgetbox\"\nclient_secret = \"s3cret\"\ndistrict_claim = \"district\"\n";
        let providers = IdentityProviderSettings::from_toml(ok).unwrap();
        assert_eq!(providers[0].scopes, ["email", "profile"]);
        assert_eq!(providers[0].signing_algorithm, "RS256");
        assert!(!format!("{:?}", providers[0]).contains("s3cret"));
        for (bad, why) in [
            (ok.replace("https://", "http://"), "https"),
            (
                ok.replace("id = \"city\"", "id = \"City ID\""),
                "lower-case",
            ),
            (
                ok.replace("client_secret = \"s3cret\"\n", ""),
                "client secret",
            ),
            (format!("{ok}colour = \"red\"\n"), "unknown field"),
            (format!("{ok}signing_algorithm = \"HS256\"\n"), "not one of"),
        ] {
            let e = IdentityProviderSettings::from_toml(&bad).unwrap_err();
            assert!(e.contains(why), "{e}");
        }
    }
}
