//! The data a diff is made of: what changed in the radar as a whole
//! ([`RadarChange`]) and in each technology ([`TechnologyDiff`],
//! [`Change`]). Plain data, serialized as the JSON of `diff --format json`:
//! the field and variant names here are that format.

use serde::Serialize;

/// Everything that differs between BASE and HEAD.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub(crate) struct RadarDiff {
    /// BASE named a git revision that has no radar file: every technology
    /// of HEAD is new, and the radar as a whole is not compared.
    pub base_missing: bool,
    /// Changes to the radar as a whole, in a fixed order.
    pub radar: Vec<RadarChange>,
    /// Technologies that changed, by id (HEAD's id, or BASE's when removed).
    pub technologies: Vec<TechnologyDiff>,
}

impl RadarDiff {
    /// Whether the two versions are the same.
    pub(crate) fn is_empty(&self) -> bool {
        self.radar.is_empty() && self.technologies.is_empty()
    }

    /// The diff as pretty-printed JSON, with a final newline: the output of
    /// `diff --format json`, so its field names and order are a format.
    pub(crate) fn to_json(&self) -> serde_json::Result<String> {
        let mut json = serde_json::to_string_pretty(self)?;
        json.push('\n');
        Ok(json)
    }
}

/// A change to the radar as a whole.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub(crate) enum RadarChange {
    /// The title changed.
    Title {
        /// Before.
        from: String,
        /// After.
        to: String,
    },
    /// The reports folder setting changed.
    Reports {
        /// Before.
        from: Option<String>,
        /// After.
        to: Option<String>,
    },
    /// An edition was added.
    EditionAdded {
        /// The quarter.
        edition: String,
    },
    /// An edition was removed.
    EditionRemoved {
        /// The quarter.
        edition: String,
    },
    /// A ring or quadrant was added.
    LevelAdded {
        /// Rings or quadrants.
        level: LevelKind,
        /// Its id.
        id: String,
        /// Its name.
        name: String,
    },
    /// A ring or quadrant was removed.
    LevelRemoved {
        /// Rings or quadrants.
        level: LevelKind,
        /// Its id.
        id: String,
        /// Its name.
        name: String,
    },
    /// A ring or quadrant got a new name.
    LevelRenamed {
        /// Rings or quadrants.
        level: LevelKind,
        /// Its id.
        id: String,
        /// Name before.
        from: String,
        /// Name after.
        to: String,
    },
    /// The rings or quadrants present on both sides are in a new order.
    LevelsReordered {
        /// Rings or quadrants.
        level: LevelKind,
        /// Ids before.
        from: Vec<String>,
        /// Ids after.
        to: Vec<String>,
    },
    /// A ring's or quadrant's `color` changed.
    LevelColor {
        /// Rings or quadrants.
        level: LevelKind,
        /// Its id.
        id: String,
        /// Before.
        from: Option<String>,
        /// After.
        to: Option<String>,
    },
    /// A ring's or quadrant's `description` changed.
    LevelDescription {
        /// Rings or quadrants.
        level: LevelKind,
        /// Its id.
        id: String,
        /// Before.
        from: Option<String>,
        /// After.
        to: Option<String>,
    },
    /// The `theme` changed.
    Theme {
        /// Before.
        from: String,
        /// After.
        to: String,
    },
    /// `max_report_size` changed.
    MaxReportSize {
        /// Before, in bytes.
        from: u64,
        /// After, in bytes.
        to: u64,
    },
}

/// The two kinds of level a radar has, as radar-level changes name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum LevelKind {
    /// A ring (`rings` in the file).
    Ring,
    /// A quadrant (`quadrants` in the file).
    Quadrant,
}

impl LevelKind {
    /// `ring` or `quadrant`, as in the JSON and the wording.
    pub(crate) fn id(self) -> &'static str {
        match self {
            LevelKind::Ring => "ring",
            LevelKind::Quadrant => "quadrant",
        }
    }
}

impl std::fmt::Display for LevelKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// The changes to one technology.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct TechnologyDiff {
    /// Id (HEAD's, or BASE's when removed).
    pub id: String,
    /// Name (HEAD's, or BASE's when removed).
    pub name: String,
    /// What changed, in a fixed order.
    pub changes: Vec<Change>,
}

/// Which way a ring move goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Direction {
    /// Towards the innermost ring (adopt).
    In,
    /// Away from the innermost ring.
    Out,
    /// Onto the radar (from not placed, or retired).
    Added,
    /// Off the radar (retired, or no longer placed).
    Retired,
    /// To a ring at the same distance from the centre (a ring whose id
    /// changed, say).
    Across,
}

impl Direction {
    /// Human wording.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Direction::In => "moved in",
            Direction::Out => "moved out",
            Direction::Added => "onto the radar",
            Direction::Retired => "off the radar",
            Direction::Across => "ring changed",
        }
    }
}

/// One piece of evidence, as written.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub(crate) struct EvidenceRef {
    /// Report id.
    pub report: String,
    /// Quoted words, if any.
    pub quote: Option<String>,
}

/// A placement HEAD has and BASE does not, with what a reviewer reads to
/// judge it: its `why` and its evidence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct NewPlacement {
    /// Its edition.
    pub edition: String,
    /// Its ring id, or `retired`.
    pub ring: String,
    /// Why, as written.
    pub why: Option<String>,
    /// Its evidence, in file order.
    pub evidence: Vec<EvidenceRef>,
}

/// A further link of a technology, as written.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub(crate) struct LinkRef {
    /// The URL.
    pub url: String,
    /// What it links to, if said.
    pub title: Option<String>,
}

/// A change to one technology.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub(crate) enum Change {
    /// New in HEAD.
    Added {
        /// Quadrant id.
        quadrant: String,
        /// Ring id in HEAD's current edition; `None` when off the radar.
        ring: Option<String>,
        /// Its placements, each new.
        placements: Vec<NewPlacement>,
    },
    /// Gone from HEAD.
    Removed {
        /// Quadrant id.
        quadrant: String,
        /// Ring id in BASE's current edition; `None` when off the radar.
        ring: Option<String>,
    },
    /// The id changed (the name stayed).
    IdChanged {
        /// BASE's id.
        from: String,
        /// HEAD's id.
        to: String,
    },
    /// The display name changed.
    Renamed {
        /// Before.
        from: String,
        /// After.
        to: String,
        /// The old name counted as a mention in BASE and counts for nothing
        /// in HEAD (it is not among HEAD's spellings): reports that use it
        /// stop counting unless it is kept as an alias.
        old_name_dropped: bool,
    },
    /// The quadrant changed.
    Quadrant {
        /// Quadrant id before.
        from: String,
        /// Quadrant id after.
        to: String,
    },
    /// The ring in force differs, in a run of consecutive editions.
    Ring {
        /// The editions (HEAD's) the difference holds in, ascending.
        editions: Vec<String>,
        /// Ring id in BASE; `None` when off the radar.
        from: Option<String>,
        /// Ring id in HEAD; `None` when off the radar.
        to: Option<String>,
        /// Which way.
        direction: Direction,
        /// The placement new in HEAD that makes the move, where one does:
        /// the move and the placement are one change.
        placement: Option<NewPlacement>,
    },
    /// An alias was added.
    AliasAdded {
        /// The alias.
        alias: String,
    },
    /// An alias was removed.
    AliasRemoved {
        /// The alias.
        alias: String,
    },
    /// A placement was added that moves no ring (one that restates the
    /// ring in force); a placement that does is part of its
    /// [`Change::Ring`].
    PlacementAdded(NewPlacement),
    /// A placement was removed without moving a ring (a removal that moves
    /// one shows as that [`Change::Ring`] only).
    PlacementRemoved {
        /// Its edition.
        edition: String,
        /// Its ring id, or `retired`.
        ring: String,
    },
    /// A placement's `why` changed.
    Why {
        /// The placement's edition.
        edition: String,
        /// Before.
        from: Option<String>,
        /// After.
        to: Option<String>,
    },
    /// Evidence was added to a placement.
    EvidenceAdded {
        /// The placement's edition.
        edition: String,
        /// The evidence.
        evidence: EvidenceRef,
    },
    /// Evidence was removed from a placement.
    EvidenceRemoved {
        /// The placement's edition.
        edition: String,
        /// The evidence.
        evidence: EvidenceRef,
    },
    /// The link changed.
    Link {
        /// Before.
        from: Option<String>,
        /// After.
        to: Option<String>,
    },
    /// The description changed.
    Description {
        /// Before.
        from: Option<String>,
        /// After.
        to: Option<String>,
    },
    /// `case_sensitive` changed.
    CaseSensitive {
        /// After.
        to: bool,
    },
    /// `count_name` changed: whether the name itself counts as a mention.
    CountName {
        /// After.
        to: bool,
    },
    /// A tag was added.
    TagAdded {
        /// The tag.
        tag: String,
    },
    /// A tag was removed.
    TagRemoved {
        /// The tag.
        tag: String,
    },
    /// A further link (`links`) was added.
    LinkAdded {
        /// The link.
        link: LinkRef,
    },
    /// A further link (`links`) was removed.
    LinkRemoved {
        /// The link.
        link: LinkRef,
    },
    /// A placement's `featured` changed: whether its blip is drawn.
    Featured {
        /// The placement's edition.
        edition: String,
        /// After.
        to: bool,
    },
}
