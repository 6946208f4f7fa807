//! `admin:` in site.yaml: the forms editors use in the browser (see
//! docs/admin.md). The forms are Decap CMS's, configured by `portal` from
//! the content schemas; these settings say only where the CMS comes from
//! and, for the published `/admin/`, which repository it saves into.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `admin:` in site.yaml.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Admin {
    /// Where the CMS's script comes from: a folder below the site's folder
    /// holding the files of Decap CMS's `dist/` (`decap-cms.js` and the
    /// pieces it loads), served from the site itself; or an `https://`
    /// address of `decap-cms.js`.
    #[schemars(length(min = 1))]
    pub cms: String,
    /// The git host and repository the published `/admin/` saves into.
    /// Without it no `/admin/` is published; `portal serve` still offers
    /// the forms, saving into the content folder.
    #[serde(default)]
    pub backend: Option<AdminBackend>,
}

/// The repository the published forms commit to.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AdminBackend {
    /// The git host's kind.
    pub name: GitHost,
    /// The repository as `owner/name` (GitLab: `group/project`, also with
    /// subgroups).
    #[schemars(regex(pattern = r"^[^/\s]+(/[^/\s]+)+$"))]
    pub repo: String,
    /// The branch editors' changes are committed to.
    #[serde(default = "default_branch")]
    pub branch: String,
    /// The host's address when it is not the public one
    /// (`https://gitlab.rlp.example`); for GitHub, the address of the OAuth
    /// relay.
    #[serde(default)]
    pub base_url: Option<String>,
    /// The host's API, when it is not at the usual place below `base_url`.
    #[serde(default)]
    pub api_root: Option<String>,
    /// The OAuth application's ID (client ID) for a login with PKCE on
    /// GitLab or Gitea/Forgejo, which needs no server of its own.
    #[serde(default)]
    pub app_id: Option<String>,
}

fn default_branch() -> String {
    "main".to_owned()
}

/// A git host the forms can save into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum GitHost {
    /// GitHub (login through an OAuth relay).
    Github,
    /// GitLab, gitlab.com or self-hosted (login with PKCE).
    Gitlab,
    /// Gitea or Forgejo (login with PKCE).
    Gitea,
}

impl GitHost {
    /// The backend's name in the CMS's configuration.
    pub fn key(self) -> &'static str {
        match self {
            GitHost::Github => "github",
            GitHost::Gitlab => "gitlab",
            GitHost::Gitea => "gitea",
        }
    }
}

impl Admin {
    /// The address of the CMS's script when it comes from another host.
    pub fn remote_script(&self) -> Option<&str> {
        self.cms
            .starts_with("https://")
            .then_some(self.cms.as_str())
    }
}
