//! The radar as other tools see it: the one shape every import produces and
//! every export reads. Importers turn a peer file into an [`Interchange`]
//! (which `interop::radar_toml` writes as `radar.toml`); exporters get one
//! from the trusted model (`interop::from_radar`) and write the peer's
//! format. Keeping one neutral shape between them means a format is one
//! reader and one writer, and a round trip compares like with like.
//!
//! Ids here are confradar ids (lowercase letters, digits, `-` and `_`,
//! starting with a letter or digit); importers map foreign ids to them.

use crate::input::quarter::Quarter;

/// A whole radar in neutral form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Interchange {
    /// The radar's title.
    pub(crate) title: String,
    /// Editions, strictly ascending; the last is the current one.
    pub(crate) editions: Vec<Quarter>,
    /// Rings, innermost (adopt) first.
    pub(crate) rings: Vec<Level>,
    /// Quadrants, in drawing order.
    pub(crate) quadrants: Vec<Level>,
    /// Technologies, in the order they are written.
    pub(crate) technologies: Vec<Tech>,
}

/// A ring or a quadrant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Level {
    pub(crate) id: String,
    pub(crate) name: String,
    /// A CSS hex colour, `#rgb` or `#rrggbb`.
    pub(crate) color: Option<String>,
    /// Markdown.
    pub(crate) description: Option<String>,
}

/// One technology and its history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Tech {
    pub(crate) id: String,
    pub(crate) name: String,
    /// A quadrant id.
    pub(crate) quadrant: String,
    /// Lowercase words (`a-z`, `0-9`, `-`).
    pub(crate) tags: Vec<String>,
    /// Markdown.
    pub(crate) description: Option<String>,
    /// The main http(s) link.
    pub(crate) link: Option<String>,
    /// Further links.
    pub(crate) links: Vec<Link>,
    /// Whether the name counts as a mention; `false` when another
    /// technology has the same name, so that only aliases count.
    pub(crate) count_name: bool,
    /// Placements, ascending by edition, at most one per edition.
    pub(crate) placements: Vec<Placement>,
}

/// A titled link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Link {
    pub(crate) url: String,
    pub(crate) title: Option<String>,
}

/// A ring from an edition on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Placement {
    pub(crate) edition: Quarter,
    /// A ring id, or `retired`.
    pub(crate) ring: String,
    /// Markdown: why it is in this ring in this edition.
    pub(crate) why: Option<String>,
    /// `false`: listed and exported, but not drawn in this edition.
    pub(crate) featured: bool,
}
