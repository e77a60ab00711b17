//! A report's mention counts, as one report's scan gives them ([`Counts`])
//! and as the scan keeps a hundred thousand of them ([`CountsRef`], a slice
//! of one byte arena).
//!
//! In the arena a report's non-zero counts are a stream of LEB128 varints:
//! for each technology, in index order, the step from the previous index
//! plus one, then the count. Both are small, so a pair takes two or three
//! bytes where two `u32`s take eight. The cache file
//! ([`crate::count::cache::file`]) holds pairs in the same bytes, so an
//! entry is written straight from the arena. Used by
//! [`crate::count::scan`] and, through its views, by every later stage.

/// A report's non-zero mention counts, by technology index, in index order:
/// `u32` pairs, what [`crate::count::scan::scan_file`] gives for one report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts(Box<[(u32, u32)]>);

impl Counts {
    /// `(technology index, mentions)` pairs.
    pub fn iter(&self) -> PairsIter<'_> {
        PairsIter(self.0.iter())
    }

    /// The pairs as stored.
    pub(crate) fn pairs(&self) -> &[(u32, u32)] {
        &self.0
    }
}

impl From<Vec<(u32, u32)>> for Counts {
    /// The counts of `pairs`, put in index order, pairs of one index added
    /// up: the arena stores steps between rising indexes.
    fn from(mut pairs: Vec<(u32, u32)>) -> Counts {
        if !pairs.is_sorted_by(|a, b| a.0 < b.0) {
            pairs.sort_by_key(|&(tech, _)| tech);
            pairs.dedup_by(|later, kept| {
                let same = later.0 == kept.0;
                if same {
                    kept.1 = kept.1.saturating_add(later.1);
                }
                same
            });
        }
        Counts(pairs.into_boxed_slice())
    }
}

impl FromIterator<(usize, u32)> for Counts {
    fn from_iter<I: IntoIterator<Item = (usize, u32)>>(iter: I) -> Counts {
        let pairs: Vec<(u32, u32)> = iter.into_iter().map(narrow).collect();
        Counts::from(pairs)
    }
}

/// A technology index as the scan stores it.
fn narrow((tech, n): (usize, u32)) -> (u32, u32) {
    let tech = u32::try_from(tech).expect("fewer than 2^32 technologies");
    (tech, n)
}

impl<'a> IntoIterator for &'a Counts {
    type Item = (usize, u32);
    type IntoIter = PairsIter<'a>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// Iterates over [`Counts`] as `(technology index, mentions)`.
#[derive(Clone, Debug)]
pub struct PairsIter<'a>(std::slice::Iter<'a, (u32, u32)>);

impl Iterator for PairsIter<'_> {
    type Item = (usize, u32);

    fn next(&mut self) -> Option<(usize, u32)> {
        self.0.next().map(|&(tech, n)| (tech as usize, n))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

/// A report's counts where the scan keeps them: its stretch of the arena,
/// as [`put_pairs`] wrote it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CountsRef<'a>(&'a [u8]);

impl<'a> CountsRef<'a> {
    /// The counts in `bytes`, which [`put_pairs`] wrote.
    pub(crate) fn new(bytes: &'a [u8]) -> CountsRef<'a> {
        CountsRef(bytes)
    }

    /// `(technology index, mentions)` pairs, in index order, decoded as
    /// they are asked for.
    pub fn iter(self) -> CountsIter<'a> {
        CountsIter {
            bytes: self.0,
            next: 0,
        }
    }

    /// The encoded pairs, as the cache file holds them too.
    pub(crate) fn bytes(self) -> &'a [u8] {
        self.0
    }

    /// How many pairs there are: every varint ends in a byte below 0x80,
    /// and a pair is two varints.
    pub(crate) fn len(self) -> usize {
        self.0.iter().filter(|&&b| b < 0x80).count() / 2
    }
}

impl<'a> IntoIterator for CountsRef<'a> {
    type Item = (usize, u32);
    type IntoIter = CountsIter<'a>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<'a> IntoIterator for &CountsRef<'a> {
    type Item = (usize, u32);
    type IntoIter = CountsIter<'a>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// Decodes a [`CountsRef`] pair by pair; a named type, so loops over every
/// report's counts allocate nothing.
#[derive(Clone, Debug)]
pub struct CountsIter<'a> {
    bytes: &'a [u8],
    /// The lowest index the next pair can have.
    next: u32,
}

impl CountsIter<'_> {
    /// The next varint. The arena holds only what [`put_pairs`] wrote, so
    /// it ends where a varint ends; the values fit a `u32`.
    fn varint(&mut self) -> u32 {
        let mut n = 0u32;
        let mut shift = 0;
        while let Some((&byte, rest)) = self.bytes.split_first() {
            self.bytes = rest;
            n |= u32::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                break;
            }
            shift += 7;
        }
        n
    }
}

impl Iterator for CountsIter<'_> {
    type Item = (usize, u32);

    fn next(&mut self) -> Option<(usize, u32)> {
        if self.bytes.is_empty() {
            return None;
        }
        let tech = self.next + self.varint();
        let n = self.varint();
        self.next = tech + 1;
        Some((tech as usize, n))
    }
}

/// Appends `pairs` (rising indexes) to `out` as a [`CountsRef`] reads them.
pub(crate) fn put_pairs(out: &mut Vec<u8>, pairs: impl IntoIterator<Item = (u32, u32)>) {
    let mut next = 0;
    for (tech, n) in pairs {
        put_varint(out, u64::from(tech - next));
        put_varint(out, u64::from(n));
        next = tech + 1;
    }
}

/// LEB128: seven bits a byte, low first.
pub(crate) fn put_varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_read_back_as_written_in_a_few_bytes_each() {
        let pairs = [(0, 1), (1, 127), (2, 128), (300, 70_000), (u32::MAX - 1, 3)];
        let mut arena = vec![9];
        put_pairs(&mut arena, pairs);
        let counts = CountsRef::new(&arena[1..]);
        let back: Vec<(usize, u32)> = counts.iter().collect();
        let want: Vec<(usize, u32)> = pairs.iter().map(|&(t, n)| (t as usize, n)).collect();
        assert_eq!(back, want);
        assert_eq!(counts.len(), pairs.len());
        // Steps of 0, 0, 0, 297, then a large one; counts of 1, 1, 2, 3, 1
        // bytes.
        assert_eq!(arena.len() - 1, 1 + 1 + 1 + 1 + 1 + 2 + 2 + 3 + 5 + 1);
        assert_eq!(CountsRef::default().iter().next(), None);
        assert_eq!(CountsRef::default().len(), 0);
    }

    #[test]
    fn counts_given_out_of_order_are_put_in_order_and_added_up() {
        let counts: Counts = [(5, 1), (2, 3), (5, 4)].into_iter().collect();
        assert_eq!(counts.pairs(), &[(2, 3), (5, 5)]);
    }
}
