//! A square grid over the slots kept so far, so that dart throwing checks a
//! new point only against its neighbours. Used by [`crate::render::cell`];
//! talks to nothing else.

use crate::render::geometry::{Point, distance2};

/// Kept slots bucketed by a square grid as wide as the spacing, so that a
/// new point is compared only with slots in its own and the eight
/// neighbouring squares: any slot closer than `spacing` must be there. The
/// answer is exactly that of comparing against every slot, only cheaper
/// (a radar of a thousand blips has thousands of slots per ring). Each
/// square holds a linked list through `next`, so the grid is two flat
/// vectors however many slots it gets.
pub(crate) struct Grid {
    spacing: f64,
    /// Half the side of the square area covered, centred on the radar.
    reach: f64,
    side: usize,
    /// The last slot put in each square, or `NONE`.
    head: Vec<u32>,
    /// For each slot, the slot put before it in the same square, or `NONE`.
    next: Vec<u32>,
}

/// The end of a square's list.
const NONE: u32 = u32::MAX;

impl Grid {
    /// A grid for points within `reach` of the centre on both axes.
    pub(crate) fn new(spacing: f64, reach: f64) -> Grid {
        let side = (2.0 * reach / spacing).ceil() as usize + 1;
        Grid {
            spacing,
            reach,
            side,
            head: vec![NONE; side * side],
            next: Vec::new(),
        }
    }

    fn square(&self, p: Point) -> (usize, usize) {
        let at = |v: f64| {
            (((v + self.reach) / self.spacing).floor().max(0.0) as usize).min(self.side - 1)
        };
        (at(p.x), at(p.y))
    }

    /// Adds the slot `slots[index]`, which must be the next index.
    // Inlined into the dart loop as it was before the grid had a file of
    // its own; a call here costs the loop about 1%.
    #[inline]
    pub(crate) fn insert(&mut self, p: Point, index: usize) {
        let (x, y) = self.square(p);
        self.next.push(self.head[y * self.side + x]);
        self.head[y * self.side + x] = index as u32;
    }

    /// Whether `p` is at least `spacing` from every slot in `slots`.
    pub(crate) fn clear_of(&self, slots: &[Point], p: Point) -> bool {
        let (sx, sy) = self.square(p);
        let min2 = self.spacing * self.spacing;
        let around = |c: usize| c.saturating_sub(1)..=(c + 1).min(self.side - 1);
        around(sy).all(|y| {
            around(sx).all(|x| {
                let mut i = self.head[y * self.side + x];
                while i != NONE {
                    if distance2(slots[i as usize], p) < min2 {
                        return false;
                    }
                    i = self.next[i as usize];
                }
                true
            })
        })
    }
}
