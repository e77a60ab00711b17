//! The colours a radar's own ring and quadrant colours become in the SVG:
//! a user's `#5ba300` is drawn as given where it tints a band, and moved
//! towards black or white just enough to read where it is text or carries
//! white numbers, on the light page and on the dark one.
//!
//! Pure arithmetic on validated hex colours ([`crate::input::annotations`]
//! checks them); [`crate::render::radar_svg`] writes the results into its
//! style sheet.

/// The light page's background.
pub(crate) const LIGHT_PAGE: Rgb = Rgb(255, 255, 255);
/// The dark page the SVG is most often shown on (GitHub's dark theme).
pub(crate) const DARK_PAGE: Rgb = Rgb(13, 17, 23);
/// The contrast text needs (WCAG AA for normal text).
pub(crate) const TEXT_CONTRAST: f64 = 4.5;

/// A colour, 8 bits per channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Rgb(pub(crate) u8, pub(crate) u8, pub(crate) u8);

impl Rgb {
    /// `#rgb` or `#rrggbb`; `None` for anything else.
    pub(crate) fn parse(hex: &str) -> Option<Rgb> {
        let digits = hex.strip_prefix('#')?;
        let channel = |s: &str| u8::from_str_radix(s, 16).ok();
        match digits.len() {
            3 => {
                let d: Vec<u8> = digits
                    .chars()
                    .map(|c| channel(&c.to_string()).map(|v| v * 17))
                    .collect::<Option<_>>()?;
                Some(Rgb(d[0], d[1], d[2]))
            }
            6 => Some(Rgb(
                channel(digits.get(0..2)?)?,
                channel(digits.get(2..4)?)?,
                channel(digits.get(4..6)?)?,
            )),
            _ => None,
        }
    }

    /// `#rrggbb`, lowercase.
    pub(crate) fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Relative luminance, as WCAG defines it.
    fn luminance(self) -> f64 {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(self.0) + 0.7152 * linear(self.1) + 0.0722 * linear(self.2)
    }

    /// `self` moved `t` (0 to 1) of the way to `other`.
    fn mix(self, other: Rgb, t: f64) -> Rgb {
        let channel = |a: u8, b: u8| {
            let v = f64::from(a) + (f64::from(b) - f64::from(a)) * t;
            // In 0..=255 by construction.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let v = v.round().clamp(0.0, 255.0) as u8;
            v
        };
        Rgb(
            channel(self.0, other.0),
            channel(self.1, other.1),
            channel(self.2, other.2),
        )
    }
}

/// The contrast ratio of two colours, 1 to 21.
pub(crate) fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `colour`, or the nearest step from it towards black or white (whichever
/// contrasts more with `against`) that reaches `min` contrast with
/// `against`. Steps of 5% keep the hue recognisable.
pub(crate) fn readable(colour: Rgb, against: Rgb, min: f64) -> Rgb {
    let towards = if against.luminance() > 0.18 {
        Rgb(0, 0, 0)
    } else {
        Rgb(255, 255, 255)
    };
    (0..=20)
        .map(|step| colour.mix(towards, f64::from(step) / 20.0))
        .find(|c| contrast(*c, against) >= min)
        .unwrap_or(towards)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips_and_short_form_expands() {
        assert_eq!(
            Rgb::parse("#5BA300").map(Rgb::hex).as_deref(),
            Some("#5ba300")
        );
        assert_eq!(Rgb::parse("#fa0"), Some(Rgb(255, 170, 0)));
        assert_eq!(Rgb::parse("5ba300"), None);
        assert_eq!(Rgb::parse("#12345"), None);
    }

    #[test]
    fn readable_colours_reach_the_contrast_and_keep_good_ones() {
        let navy = Rgb::parse("#3d5a80").unwrap_or(LIGHT_PAGE);
        assert_eq!(readable(navy, LIGHT_PAGE, TEXT_CONTRAST), navy);
        let light = readable(navy, DARK_PAGE, TEXT_CONTRAST);
        assert!(contrast(light, DARK_PAGE) >= TEXT_CONTRAST, "{light:?}");
        let yellow = Rgb::parse("#ffe000").unwrap_or(DARK_PAGE);
        let dark = readable(yellow, LIGHT_PAGE, TEXT_CONTRAST);
        assert!(contrast(dark, LIGHT_PAGE) >= TEXT_CONTRAST, "{dark:?}");
        assert_ne!(dark, Rgb(0, 0, 0), "the hue is kept");
        assert!((contrast(Rgb(0, 0, 0), LIGHT_PAGE) - 21.0).abs() < 1e-9);
    }
}
