//! The trusted radar ([`crate::input::radar::Radar`]) as an
//! [`Interchange`], the shape every exporter reads. Indexes become ids and
//! quarters, and retired placements keep the ring id `retired`; what other
//! tools have no place for (aliases, evidence, case sensitivity) stays
//! behind.

use crate::input::radar::{self, Radar};
use crate::interop::model::{Interchange, Level, Link, Placement, Tech};

/// `radar` in neutral form: the same editions, rings, quadrants and
/// technologies, in the radar file's order.
pub(crate) fn interchange(radar: &Radar) -> Interchange {
    Interchange {
        title: radar.title.clone(),
        editions: radar.editions.clone(),
        rings: radar.rings.iter().map(level).collect(),
        quadrants: radar.quadrants.iter().map(level).collect(),
        technologies: radar.technologies.iter().map(|t| tech(radar, t)).collect(),
    }
}

fn level(level: &radar::Level) -> Level {
    Level {
        id: level.id.clone(),
        name: level.name.clone(),
        color: level.color.clone(),
        description: level.description.clone(),
    }
}

fn tech(radar: &Radar, tech: &radar::Technology) -> Tech {
    Tech {
        id: tech.id.clone(),
        name: tech.name.clone(),
        quadrant: radar.quadrants[tech.quadrant].id.clone(),
        tags: tech.tags.clone(),
        description: tech.description.clone(),
        link: tech.link.clone(),
        links: tech
            .links
            .iter()
            .map(|l| Link {
                url: l.url.clone(),
                title: l.title.clone(),
            })
            .collect(),
        count_name: tech.count_name,
        placements: tech
            .placements
            .iter()
            .map(|p| Placement {
                edition: radar.editions[p.edition],
                ring: p
                    .ring
                    .map_or_else(|| radar::RETIRED.to_owned(), |r| radar.rings[r].id.clone()),
                why: p.why.clone(),
                featured: p.featured,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::fixture::RadarFixture;

    #[test]
    fn indexes_become_ids_and_quarters() {
        let radar = RadarFixture::new(&["2024-Q1", "2024-Q2"])
            .tech("helm", "Helm", "tools")
            .key("link", "\"https://helm.sh/\"")
            .placed("2024-Q1", "trial")
            .placed("2024-Q2", "retired")
            .build();
        let ix = interchange(&radar);
        assert_eq!(ix.title, "T");
        assert_eq!(ix.rings.len(), 4);
        assert_eq!(ix.quadrants[1].id, "tools");
        let helm = &ix.technologies[0];
        assert_eq!(helm.quadrant, "tools");
        assert_eq!(helm.link.as_deref(), Some("https://helm.sh/"));
        let rings: Vec<(String, &str)> = helm
            .placements
            .iter()
            .map(|p| (p.edition.to_string(), p.ring.as_str()))
            .collect();
        assert_eq!(
            rings,
            [("2024-Q1".into(), "trial"), ("2024-Q2".into(), "retired")]
        );
        assert!(helm.placements.iter().all(|p| p.featured));
    }
}
