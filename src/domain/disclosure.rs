//! Small-cell suppression for published participation statistics.
//!
//! Participation by district, gender and age band is published for anyone to read. A cell that
//! counts only a handful of people ("3 women in North voted") tells neighbours, the local press
//! or an employer who took part. So every count under [`MIN_CELL`], zero included, is printed as
//! "< 10" ([`Cell::Small`]).
//!
//! Hiding the small cells alone doesn't work, because the totals give them away: row total minus
//! the rest of the row is the missing cell. The usual fix is to make sure no row or column has
//! exactly one hidden cell. That still isn't enough against a reader who combines lines or uses
//! what the labels say:
//!
//! * two 2×2 blocks of hidden cells joined by one hidden "bridge" cell leave every line with two
//!   or more unknowns, yet (row 1 + row 2) − (column 1 + column 2) is the bridge cell exactly;
//! * "< 10" means 0..=9 and a hidden cell ("—") means at least 10, so if the rest of a row shows
//!   that its two "< 10" cells add up to 18, both are 9; if they add up to 0, both are 0.
//!
//! So this module uses the reader's full knowledge as the threat model: every printed number,
//! that each line adds up to its printed or hidden total, that counts are whole and not negative,
//! and what "< 10" and "—" mean. [`protect`] hides extra cells ([`Cell::Hidden`]) until, for every
//! "< 10" cell, a second table exists that fits all of that and gives the cell another value. No
//! combination of the published figures can then pin that cell down.
//!
//! That guarantee is checked exactly rather than by a rule of thumb. The table, its margins and
//! grand total together form a flow: the grand total goes to the row totals, each row total is
//! split over the row's cells, each cell flows into its column total, and the column totals add
//! up to the grand total again. A hidden cell can take another value if and only if a cycle
//! through it exists in the residual graph of the hidden cells (each can rise unless it is
//! already 9 under "< 10", and fall unless it is already 0, or 10 under "—"). When no such cycle
//! exists, the cheapest one is opened with a shortest-path search over the printed cells,
//! preferring inner cells over totals and small counts over large ones; afterwards any extra
//! suppression that turned out to be unnecessary is undone.

use serde::{Deserialize, Serialize};

/// Smallest number of people a published cell may count.
pub const MIN_CELL: u64 = 10;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "count", rename_all = "snake_case")]
pub enum Cell {
    Shown(u64),
    /// Fewer than MIN_CELL people (0 included): printed as "< 10".
    Small,
    /// Large enough, but hidden so that a small cell cannot be worked out from totals.
    Hidden,
}

impl Cell {
    /// Text for a table cell: the count, "< 10" or "—".
    pub fn label(&self) -> String {
        match self {
            Cell::Shown(n) => n.to_string(),
            Cell::Small => format!("< {MIN_CELL}"),
            Cell::Hidden => "—".to_string(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// Row labels, e.g. districts.
    pub rows: Vec<String>,
    /// Column labels, e.g. genders; a one-way breakdown has a single column such as "people".
    pub columns: Vec<String>,
    /// `cells[row][column]`.
    pub cells: Vec<Vec<Cell>>,
    pub row_totals: Vec<Cell>,
    pub column_totals: Vec<Cell>,
    pub total: Cell,
}

/// Publishes `counts[row][column]` with small cells suppressed so that they cannot be worked out.
///
/// `counts` must have one entry per row and each entry one count per column; a missing count is
/// taken as 0 and extra ones are ignored. With a single column the row totals equal the cells
/// and are always published identically to them (likewise the column totals of a single row).
pub fn protect(rows: Vec<String>, columns: Vec<String>, counts: &[Vec<u64>]) -> Table {
    let grid = Grid::new(rows.len(), columns.len(), counts, Known::default());
    let (marks, _) = grid.suppress();
    grid.publish(rows, columns, &marks)
}

/// Totals the reader already knows from somewhere else (another table of the same people, a
/// public list, the turnout on the results page). They are always printed by value and a
/// small cell's protection never relies on them being uncertain.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Known {
    pub row_totals: bool,
    pub column_totals: bool,
    /// The grand total alone (known too whenever row or column totals are).
    pub total: bool,
}

/// `protect`, for a table some of whose totals are public elsewhere. `None` when some small
/// cell cannot be protected at all — the known totals and the labels pin it (say one row of
/// two "< 10" cells whose known total is 18) — so the table must not be published.
pub fn protect_with(
    rows: Vec<String>,
    columns: Vec<String>,
    counts: &[Vec<u64>],
    known: Known,
) -> Option<Table> {
    debug_assert_eq!(rows.len(), counts.len(), "one row of counts per row label");
    debug_assert!(
        counts.iter().all(|row| row.len() == columns.len()),
        "one count per column in every row"
    );
    let grid = Grid::new(rows.len(), columns.len(), counts, known);
    let (marks, all_protected) = grid.suppress();
    all_protected.then(|| grid.publish(rows, columns, &marks))
}

/// Suppression state of one cell while the pattern is being built.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    Open,
    Small,
    Hidden,
    /// Unpublished and unlabelled: only to ask what the known totals alone determine.
    Free,
}

/// One arc of a residual cycle: `delta` is +1 when the cycle pushes one more person through the
/// cell, −1 when it takes one away.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Step {
    cell: usize,
    delta: i8,
}

/// Cost of hiding the printed cells on a path, compared lexicographically: a district (or a
/// gender) losing every figure is the worst loss, as readers then know nothing of it; totals are
/// the figures readers look at first, so hiding any number of inner cells beats hiding one more
/// total; and among equals hiding fewer people loses less information.
type Cost = (u64, u64, u64);

/// The table with its margins as one `(rows + 1) × (columns + 1)` grid, row-major: the last row
/// holds the column totals, the last column the row totals, the last cell the grand total.
struct Grid {
    rows: usize,
    cols: usize,
    values: Vec<u64>,
    /// Per cell, the flow-graph arc it is: (from node, to node).
    ends: Vec<(usize, usize)>,
    /// Per node, the cells whose arcs touch it.
    incident: Vec<Vec<usize>>,
    /// Cells whose value the reader knows anyway: never hidden, never varied.
    fixed: Vec<bool>,
}

impl Grid {
    fn new(rows: usize, cols: usize, counts: &[Vec<u64>], known: Known) -> Grid {
        let width = cols + 1;
        let mut values = vec![0u64; (rows + 1) * width];
        for r in 0..rows {
            for c in 0..cols {
                let v = counts
                    .get(r)
                    .and_then(|row| row.get(c))
                    .copied()
                    .unwrap_or(0);
                values[r * width + c] = v;
                // Saturating: absurd inputs must give an absurd table, not a panic.
                values[r * width + cols] = values[r * width + cols].saturating_add(v);
                values[rows * width + c] = values[rows * width + c].saturating_add(v);
                values[rows * width + cols] = values[rows * width + cols].saturating_add(v);
            }
        }

        // Nodes: 0 = source of the row totals, 1..=rows = rows, then columns, then the sink of
        // the column totals, whose arc back to node 0 is the grand total.
        let row_node = |r: usize| 1 + r;
        let col_node = |c: usize| 1 + rows + c;
        let sink = 1 + rows + cols;
        let mut ends = Vec::with_capacity(values.len());
        let mut incident = vec![Vec::new(); rows + cols + 2];
        for r in 0..=rows {
            for c in 0..=cols {
                let arc = match (r == rows, c == cols) {
                    (false, false) => (row_node(r), col_node(c)),
                    (false, true) => (0, row_node(r)),
                    (true, false) => (col_node(c), sink),
                    (true, true) => (sink, 0),
                };
                incident[arc.0].push(ends.len());
                incident[arc.1].push(ends.len());
                ends.push(arc);
            }
        }
        let mut grid = Grid {
            rows,
            cols,
            values,
            ends,
            incident,
            fixed: Vec::new(),
        };
        let width = cols + 1;
        let mut fixed = vec![false; grid.values.len()];
        for k in 0..fixed.len() {
            let (r, c) = (k / width, k % width);
            let is_fixed = match (r == rows, c == cols) {
                (false, true) => known.row_totals,
                (true, false) => known.column_totals,
                (true, true) => known.row_totals || known.column_totals || known.total,
                (false, false) => false,
            };
            if is_fixed {
                // A cell that always equals a known total is known too.
                for t in grid.twins(k) {
                    fixed[t] = true;
                }
            }
        }
        grid.fixed = fixed;
        grid
    }

    /// How many lines (a row or a column of the table, with its total) would have every figure
    /// hidden if `k` were hidden too. A line with a small cell still says something and does
    /// not count; lines of one cell are that cell, and do not count either.
    fn lines_blanked_by_hiding(&self, marks: &[Mark], k: usize) -> u64 {
        let width = self.cols + 1;
        let (r, c) = (k / width, k % width);
        let others_hidden = |line: &mut dyn Iterator<Item = usize>| {
            line.filter(|&other| other != k)
                .all(|other| marks[other] == Mark::Hidden)
        };
        let row = r < self.rows
            && self.cols >= 2
            && others_hidden(&mut (0..=self.cols).map(|c| r * width + c));
        let column = c < self.cols
            && self.rows >= 2
            && others_hidden(&mut (0..=self.rows).map(|r| r * width + c));
        u64::from(row) + u64::from(column)
    }

    fn is_margin(&self, k: usize) -> bool {
        let width = self.cols + 1;
        k / width == self.rows || k % width == self.cols
    }

    /// Cells that always hold the same number as `k` (itself included): with one column a row
    /// total is its only cell, with one row a column total is its only cell. They must share a
    /// mark, or the printed twin would give the hidden one away.
    fn twins(&self, k: usize) -> Vec<usize> {
        let width = self.cols + 1;
        let (r, c) = (k / width, k % width);
        let rs = if self.rows == 1 { vec![0, 1] } else { vec![r] };
        let cs = if self.cols == 1 { vec![0, 1] } else { vec![c] };
        rs.iter()
            .flat_map(|&r| cs.iter().map(move |&c| r * width + c))
            .collect()
    }

    fn set(&self, marks: &mut [Mark], k: usize, mark: Mark) {
        for t in self.twins(k) {
            marks[t] = mark;
        }
    }

    /// The marks, and whether every small cell that needs protecting has it.
    fn suppress(&self) -> (Vec<Mark>, bool) {
        let mut marks: Vec<Mark> = self
            .values
            .iter()
            .map(|&v| {
                if v < MIN_CELL {
                    Mark::Small
                } else {
                    Mark::Open
                }
            })
            .collect();
        // Cells the known totals already determine (a known total of 0 makes its cells 0; a
        // known total is itself known) are public whatever this table prints: labelled, not
        // protected.
        let free: Vec<Mark> = (0..marks.len()).map(|_| Mark::Free).collect();
        let small: Vec<usize> = (0..marks.len())
            .filter(|&k| marks[k] == Mark::Small && !self.fixed[k])
            .filter(|&k| self.protected(&free, k))
            .collect();

        // Hiding more cells only widens what a reader must consider possible, so a cell
        // protected here stays protected while later cells are dealt with.
        for &k in &small {
            if self.protected(&marks, k) {
                continue;
            }
            if let Some(steps) = self.cycle(&marks, k, true) {
                for step in steps {
                    if marks[step.cell] == Mark::Open {
                        self.set(&mut marks, step.cell, Mark::Hidden);
                    }
                }
            }
            // Without a cycle even when every printed cell may be hidden, no suppression
            // pattern can help; the known case is a table with no rows or no columns, whose
            // margins are structural zeros about nobody. The property tests check that real
            // tables never end up here.
        }

        // Paths chosen one small cell at a time can overlap wastefully; publish back whatever
        // is not needed, totals first and then the largest counts, as those matter most.
        let needed: Vec<usize> = small
            .iter()
            .copied()
            .filter(|&k| self.protected(&marks, k))
            .collect();
        let mut hidden: Vec<usize> = (0..marks.len())
            .filter(|&k| marks[k] == Mark::Hidden)
            .collect();
        hidden.sort_by_key(|&k| (!self.is_margin(k), std::cmp::Reverse(self.values[k]), k));
        for k in hidden {
            if marks[k] != Mark::Hidden {
                continue;
            }
            let mut trial = marks.clone();
            self.set(&mut trial, k, Mark::Open);
            if needed.iter().all(|&s| self.protected(&trial, s)) {
                marks = trial;
            }
        }
        let all_protected = small.iter().all(|&k| self.protected(&marks, k));
        (marks, all_protected)
    }

    /// Whether a reader can still not tell `k`'s value, i.e. some residual cycle runs through it.
    fn protected(&self, marks: &[Mark], k: usize) -> bool {
        let (from, to) = self.ends[k];
        let (up, down) = slack(marks[k], self.values[k]);
        (up && self.route(marks, to, from, k, false).is_some())
            || (down && self.route(marks, from, to, k, false).is_some())
    }

    /// The cheapest residual cycle through `k`, as the steps that move one person around it.
    /// With `allow_open`, printed cells may be used too, at the cost of hiding them.
    fn cycle(&self, marks: &[Mark], k: usize, allow_open: bool) -> Option<Vec<Step>> {
        let (from, to) = self.ends[k];
        let (up, down) = slack(marks[k], self.values[k]);
        let rise = up
            .then(|| self.route(marks, to, from, k, allow_open))
            .flatten();
        let fall = down
            .then(|| self.route(marks, from, to, k, allow_open))
            .flatten();
        let (delta, path) = match (rise, fall) {
            (Some(r), Some(f)) if f.0 < r.0 => (-1, f.1),
            (Some(r), _) => (1, r.1),
            (None, Some(f)) => (-1, f.1),
            (None, None) => return None,
        };
        let mut steps = vec![Step { cell: k, delta }];
        steps.extend(path);
        Some(steps)
    }

    /// Cheapest residual path between two nodes that does not use cell `skip` (whose own arcs
    /// would only undo the change being looked for). Dijkstra over a handful of nodes, so a
    /// linear scan for the next node is enough, and ties go to the lowest node index so the
    /// published table does not depend on anything but the counts.
    fn route(
        &self,
        marks: &[Mark],
        start: usize,
        goal: usize,
        skip: usize,
        allow_open: bool,
    ) -> Option<(Cost, Vec<Step>)> {
        let n = self.incident.len();
        let mut best: Vec<Option<Cost>> = vec![None; n];
        let mut via: Vec<Option<(usize, Step)>> = vec![None; n];
        let mut done = vec![false; n];
        best[start] = Some((0, 0, 0));
        loop {
            let (cost, node) = (0..n)
                .filter(|&v| !done[v])
                .filter_map(|v| best[v].map(|c| (c, v)))
                .min()?;
            if node == goal {
                break;
            }
            done[node] = true;
            for &k in &self.incident[node] {
                if k == skip || self.fixed[k] {
                    continue;
                }
                let price = match marks[k] {
                    Mark::Small | Mark::Hidden | Mark::Free => (0, 0, 0),
                    Mark::Open if allow_open => (
                        self.lines_blanked_by_hiding(marks, k),
                        u64::from(self.is_margin(k)),
                        self.values[k],
                    ),
                    Mark::Open => continue,
                };
                // A printed cell would be hidden, and so bounded below by MIN_CELL.
                let mark = if marks[k] == Mark::Open {
                    Mark::Hidden
                } else {
                    marks[k]
                };
                let (up, down) = slack(mark, self.values[k]);
                let (a, b) = self.ends[k];
                let (next, delta, usable) = if a == node { (b, 1, up) } else { (a, -1, down) };
                if !usable || done[next] {
                    continue;
                }
                let total = (
                    cost.0.saturating_add(price.0),
                    cost.1.saturating_add(price.1),
                    cost.2.saturating_add(price.2),
                );
                if best[next].is_none_or(|b| total < b) {
                    best[next] = Some(total);
                    via[next] = Some((node, Step { cell: k, delta }));
                }
            }
        }
        let mut steps = Vec::new();
        let mut node = goal;
        while node != start {
            let (prev, step) = via[node]?;
            steps.push(step);
            node = prev;
        }
        steps.reverse();
        Some((best[goal]?, steps))
    }

    fn publish(&self, rows: Vec<String>, columns: Vec<String>, marks: &[Mark]) -> Table {
        let width = self.cols + 1;
        let cell = |r: usize, c: usize| {
            let k = r * width + c;
            match marks[k] {
                Mark::Open => Cell::Shown(self.values[k]),
                Mark::Small => Cell::Small,
                Mark::Hidden | Mark::Free => Cell::Hidden,
            }
        };
        Table {
            rows,
            columns,
            cells: (0..self.rows)
                .map(|r| (0..self.cols).map(|c| cell(r, c)).collect())
                .collect(),
            row_totals: (0..self.rows).map(|r| cell(r, self.cols)).collect(),
            column_totals: (0..self.cols).map(|c| cell(self.rows, c)).collect(),
            total: cell(self.rows, self.cols),
        }
    }
}

/// Whether a suppressed cell could hold one more / one fewer person without contradicting its
/// label: "< 10" allows 0..=9, "—" allows MIN_CELL and up.
fn slack(mark: Mark, value: u64) -> (bool, bool) {
    match mark {
        Mark::Small => (value < MIN_CELL - 1, value > 0),
        Mark::Hidden | Mark::Open => (true, value > MIN_CELL),
        Mark::Free => (true, value > 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    fn names(prefix: &str, n: usize) -> Vec<String> {
        (0..n).map(|i| format!("{prefix}{i}")).collect()
    }

    fn table(counts: &[Vec<u64>]) -> Table {
        let cols = counts.first().map_or(0, Vec::len);
        protect(names("r", counts.len()), names("c", cols), counts)
    }

    /// The published grid with margins, `(rows + 1) × (columns + 1)`, indexed like the true one.
    fn published_grid(t: &Table) -> Vec<Vec<Cell>> {
        let mut grid: Vec<Vec<Cell>> = t
            .cells
            .iter()
            .zip(&t.row_totals)
            .map(|(row, total)| row.iter().copied().chain([*total]).collect())
            .collect();
        grid.push(t.column_totals.iter().copied().chain([t.total]).collect());
        grid
    }

    fn true_grid(counts: &[Vec<u64>], cols: usize) -> Vec<Vec<u64>> {
        let mut grid: Vec<Vec<u64>> = counts
            .iter()
            .map(|row| row.iter().copied().chain([row.iter().sum()]).collect())
            .collect();
        grid.push(
            (0..=cols)
                .map(|c| {
                    counts
                        .iter()
                        .map(|row| row.get(c).copied().unwrap_or(0))
                        .sum()
                })
                .collect(),
        );
        let total = grid[..counts.len()].iter().map(|row| row[cols]).sum();
        grid[counts.len()][cols] = total;
        grid
    }

    /// Every additive equation of the published table: (members, total), in grid coordinates.
    type Line = (Vec<(usize, usize)>, (usize, usize));
    fn lines(rows: usize, cols: usize) -> Vec<Line> {
        let mut lines: Vec<Line> = (0..rows)
            .map(|r| ((0..cols).map(|c| (r, c)).collect(), (r, cols)))
            .collect();
        lines.extend((0..cols).map(|c| ((0..rows).map(|r| (r, c)).collect(), (rows, c))));
        lines.push(((0..cols).map(|c| (rows, c)).collect(), (rows, cols)));
        lines.push(((0..rows).map(|r| (r, cols)).collect(), (rows, cols)));
        lines
    }

    /// The textbook differencing attack: whenever a line has one unknown left, solve for it.
    /// Returns every suppressed cell it works out, with the value it found.
    fn attacker(t: &Table) -> BTreeMap<(usize, usize), i64> {
        let (rows, cols) = (t.rows.len(), t.columns.len());
        let mut known: Vec<Vec<Option<i64>>> = published_grid(t)
            .iter()
            .map(|row| {
                row.iter()
                    .map(|cell| match cell {
                        Cell::Shown(v) => Some(*v as i64),
                        _ => None,
                    })
                    .collect()
            })
            .collect();
        let mut revealed = BTreeMap::new();
        loop {
            let mut progress = false;
            for (members, total) in lines(rows, cols) {
                let unknown: Vec<(usize, usize)> = members
                    .iter()
                    .chain([&total])
                    .copied()
                    .filter(|&(r, c)| known[r][c].is_none())
                    .collect();
                if unknown.len() != 1 {
                    continue;
                }
                let (r, c) = unknown[0];
                let sum: i64 = members.iter().filter_map(|&(r, c)| known[r][c]).sum();
                let value = if (r, c) == total {
                    sum
                } else {
                    known[total.0][total.1].unwrap_or(0) - sum
                };
                known[r][c] = Some(value);
                revealed.insert((r, c), value);
                progress = true;
            }
            if !progress {
                return revealed;
            }
        }
    }

    /// Whether `alt` is a table a reader of `t` cannot rule out: whole, non-negative, adding up,
    /// equal to every printed number and within what "< 10" and "—" say.
    fn fits(t: &Table, alt: &[Vec<i64>]) -> bool {
        let (rows, cols) = (t.rows.len(), t.columns.len());
        let adds_up = lines(rows, cols).iter().all(|(members, total)| {
            members.iter().map(|&(r, c)| alt[r][c]).sum::<i64>() == alt[total.0][total.1]
        });
        let labels_hold = published_grid(t).iter().zip(alt).all(|(published, alt)| {
            published.iter().zip(alt).all(|(cell, &v)| match cell {
                Cell::Shown(s) => v == *s as i64,
                Cell::Small => (0..MIN_CELL as i64).contains(&v),
                Cell::Hidden => v >= MIN_CELL as i64,
            })
        });
        adds_up && labels_hold
    }

    /// For cell (r, c) of the grid, another table that fits the publication but differs there:
    /// the proof that no attack whatsoever can pin the cell down. Found with the module's own
    /// cycle search, but checked only against the published table.
    fn second_table(counts: &[Vec<u64>], t: &Table, r: usize, c: usize) -> Option<Vec<Vec<i64>>> {
        second_table_knowing(counts, t, r, c, Known::default())
    }

    /// `second_table` for a reader who also knows the `known` totals: the other table must
    /// keep them.
    fn second_table_knowing(
        counts: &[Vec<u64>],
        t: &Table,
        r: usize,
        c: usize,
        known: Known,
    ) -> Option<Vec<Vec<i64>>> {
        let cols = t.columns.len();
        let rows = t.rows.len();
        let grid = Grid::new(rows, cols, counts, known);
        let marks: Vec<Mark> = published_grid(t)
            .iter()
            .flatten()
            .map(|cell| match cell {
                Cell::Shown(_) => Mark::Open,
                Cell::Small => Mark::Small,
                Cell::Hidden => Mark::Hidden,
            })
            .collect();
        let steps = grid.cycle(&marks, r * (cols + 1) + c, false)?;
        let mut alt: Vec<Vec<i64>> = true_grid(counts, cols)
            .iter()
            .map(|row| row.iter().map(|&v| v as i64).collect())
            .collect();
        for step in steps {
            alt[step.cell / (cols + 1)][step.cell % (cols + 1)] += i64::from(step.delta);
        }
        let truth = true_grid(counts, cols);
        let differs = alt[r][c] != truth[r][c] as i64;
        let keeps_known = (0..=rows).all(|rr| {
            (0..=cols).all(|cc| {
                let margin_known = match (rr == rows, cc == cols) {
                    (false, true) => known.row_totals,
                    (true, false) => known.column_totals,
                    (true, true) => known.row_totals || known.column_totals || known.total,
                    (false, false) => false,
                };
                !margin_known || alt[rr][cc] == truth[rr][cc] as i64
            })
        });
        (differs && keeps_known && fits(t, &alt)).then_some(alt)
    }

    /// Every property the publication must have, as a list of failures.
    fn problems(counts: &[Vec<u64>], t: &Table) -> Vec<String> {
        let cols = t.columns.len();
        let truth = true_grid(counts, cols);
        let mut problems = Vec::new();
        for (r, (published, true_row)) in published_grid(t).iter().zip(&truth).enumerate() {
            for (c, (cell, &v)) in published.iter().zip(true_row).enumerate() {
                match cell {
                    Cell::Shown(s) if *s != v => {
                        problems.push(format!("({r},{c}) shows {s}, is {v}"))
                    }
                    Cell::Shown(_) | Cell::Hidden if v < MIN_CELL => {
                        problems.push(format!("({r},{c}) = {v} is not marked small"))
                    }
                    Cell::Small if v >= MIN_CELL => {
                        problems.push(format!("({r},{c}) = {v} marked small"))
                    }
                    Cell::Small if second_table(counts, t, r, c).is_none() => {
                        problems.push(format!("({r},{c}) can be worked out"))
                    }
                    _ => {}
                }
            }
        }
        for ((r, c), v) in attacker(t) {
            if published_grid(t)[r][c] == Cell::Small {
                problems.push(format!("differencing reveals ({r},{c}) = {v}"));
            }
            if v != truth[r][c] as i64 {
                problems.push(format!(
                    "attacker solved ({r},{c}) wrongly: a line does not add up"
                ));
            }
        }
        problems
    }

    fn hidden_count(t: &Table) -> usize {
        published_grid(t)
            .iter()
            .flatten()
            .filter(|c| **c == Cell::Hidden)
            .count()
    }

    #[test]
    fn with_every_total_known_three_women_stay_protected_by_inner_cells() {
        let counts = vec![vec![3, 41, 12], vec![48, 55, 14], vec![37, 29, 11]];
        let known = Known {
            row_totals: true,
            column_totals: true,
            total: true,
        };
        let t = protect_with(names("r", 3), names("c", 3), &counts, known)
            .expect("a realistic table can be published");
        assert_eq!(t.cells[0][0], Cell::Small);
        assert!(t
            .row_totals
            .iter()
            .chain(&t.column_totals)
            .all(|c| matches!(c, Cell::Shown(_))));
        assert!(second_table_knowing(&counts, &t, 0, 0, known).is_some());
        assert!(!attacker(&t).contains_key(&(0, 0)));
        // One row of two nines with its total known: nothing can protect them; withheld.
        let row_known = Known {
            row_totals: true,
            ..Known::default()
        };
        assert!(protect_with(names("r", 1), names("c", 2), &[vec![9, 9]], row_known).is_none());
    }

    #[test]
    fn three_women_in_north_print_as_under_ten_and_cannot_be_worked_out() {
        let counts = vec![
            vec![3, 41, 12],  // North
            vec![48, 55, 14], // South
            vec![37, 29, 11], // East
        ];
        let t = protect(
            vec!["North".into(), "South".into(), "East".into()],
            vec!["woman".into(), "man".into(), "other or unstated".into()],
            &counts,
        );
        assert_eq!(t.cells[0][0], Cell::Small);
        assert_eq!(t.cells[0][0].label(), "< 10");
        assert!(!attacker(&t).contains_key(&(0, 0)));
        assert!(second_table(&counts, &t, 0, 0).is_some());
        assert_eq!(problems(&counts, &t), Vec::<String>::new());
        // The obvious subtraction (North total − men − other) must not be possible.
        assert!(!matches!(
            (t.row_totals[0], t.cells[0][1], t.cells[0][2]),
            (Cell::Shown(_), Cell::Shown(_), Cell::Shown(_))
        ));
        // Protection is bought with inner cells; the totals all stay published.
        assert!(t
            .row_totals
            .iter()
            .chain(&t.column_totals)
            .all(|c| matches!(c, Cell::Shown(_))));
        assert_eq!(t.total, Cell::Shown(250));
    }

    #[test]
    fn a_few_people_without_a_district_do_not_blank_a_district_of_seventy() {
        // The demo's participation table: three districts of about 70-80 voters and one person
        // who gave no district. Protecting that person's cells used to hide all of Riverside.
        let counts = vec![
            vec![22, 13, 21, 24], // Northbank
            vec![22, 14, 21, 21], // Old Town
            vec![14, 24, 16, 22], // Riverside
            vec![0, 0, 1, 0],     // Other or not stated
        ];
        let known = Known {
            total: true,
            ..Known::default()
        };
        let t = protect_with(names("r", 4), names("c", 4), &counts, known).expect("publishable");
        for r in 0..3 {
            assert!(
                t.cells[r].iter().any(|c| matches!(c, Cell::Shown(_))),
                "district row {r} is blank: {t:?}"
            );
        }
        for c in 0..4 {
            assert!(
                t.column_totals[c] != Cell::Hidden
                    || (0..4).any(|r| matches!(t.cells[r][c], Cell::Shown(_))),
                "column {c} is blank: {t:?}"
            );
        }
        assert!(t.cells[3].iter().all(|c| *c == Cell::Small));
        // Each of the one person's cells, and the row's total, can still take another value.
        for c in 0..=4 {
            assert!(
                second_table_knowing(&counts, &t, 3, c, known).is_some(),
                "({c}) {t:?}"
            );
        }
        assert_eq!(problems(&counts, &t), Vec::<String>::new());
    }

    #[test]
    fn a_cell_bridging_two_hidden_blocks_cannot_be_differenced_out() {
        // Two 2×2 blocks of small cells joined by the 3 at (1, 2). Every line has zero or at
        // least two small cells, so "no line with exactly one hidden cell" adds nothing, and the
        // line-by-line attacker learns nothing, yet rows 0–1 minus columns 0–1 give the 3.
        let counts = vec![
            vec![2, 5, 30, 40, 50],
            vec![4, 1, 3, 45, 35],
            vec![20, 25, 6, 8, 33],
            vec![30, 35, 7, 9, 44],
            vec![41, 42, 43, 44, 45],
        ];
        let naive = {
            let truth = true_grid(&counts, 5);
            let mut t = table(&counts);
            let cell = |v: u64| {
                if v < MIN_CELL {
                    Cell::Small
                } else {
                    Cell::Shown(v)
                }
            };
            t.cells = counts
                .iter()
                .map(|row| row.iter().map(|&v| cell(v)).collect())
                .collect();
            t.row_totals = truth[..5].iter().map(|row| cell(row[5])).collect();
            t.column_totals = truth[5][..5].iter().map(|&v| cell(v)).collect();
            t.total = cell(truth[5][5]);
            t
        };
        assert!(attacker(&naive).is_empty());
        let shown = |c: Cell| match c {
            Cell::Shown(v) => v as i64,
            _ => panic!("the naive table prints every large cell"),
        };
        let rows_01: i64 = (0..2).map(|r| shown(naive.row_totals[r])).sum::<i64>()
            - (0..2)
                .flat_map(|r| (3..5).map(move |c| (r, c)))
                .map(|(r, c)| shown(naive.cells[r][c]))
                .sum::<i64>()
            - shown(naive.cells[0][2]);
        let cols_01: i64 = (0..2).map(|c| shown(naive.column_totals[c])).sum::<i64>()
            - (2..5)
                .flat_map(|r| (0..2).map(move |c| (r, c)))
                .map(|(r, c)| shown(naive.cells[r][c]))
                .sum::<i64>();
        assert_eq!(rows_01 - cols_01, 3, "the naive rule leaks the bridge");

        let t = table(&counts);
        assert_eq!(t.cells[1][2], Cell::Small);
        assert!(second_table(&counts, &t, 1, 2).is_some());
        assert_eq!(problems(&counts, &t), Vec::<String>::new());
    }

    #[test]
    fn two_nines_in_a_row_are_not_pinned_by_their_labels() {
        // Row 0 total − 50 = 18 and "< 10" caps each at 9: both would be 9.
        let counts = vec![vec![9, 50, 9], vec![30, 40, 20], vec![25, 35, 15]];
        let t = table(&counts);
        assert_eq!((t.cells[0][0], t.cells[0][2]), (Cell::Small, Cell::Small));
        assert_eq!(problems(&counts, &t), Vec::<String>::new());
    }

    #[test]
    fn zeros_are_not_pinned_by_counts_being_non_negative() {
        // Row 0 total − 50 = 0 would make both small cells 0.
        let counts = vec![vec![0, 50, 0], vec![30, 40, 20], vec![25, 35, 15]];
        let t = table(&counts);
        assert_eq!(problems(&counts, &t), Vec::<String>::new());
    }

    #[test]
    fn a_column_of_zeros_stays_protected() {
        let counts = vec![vec![30, 40, 0], vec![25, 35, 0], vec![50, 20, 0]];
        let t = table(&counts);
        assert_eq!(t.column_totals[2], Cell::Small);
        assert_eq!(problems(&counts, &t), Vec::<String>::new());
    }

    #[test]
    fn all_large_hides_nothing() {
        let counts = vec![vec![10, 20, 30], vec![40, 50, 60]];
        let t = table(&counts);
        assert_eq!(hidden_count(&t), 0);
        assert_eq!(
            t.cells[1],
            vec![Cell::Shown(40), Cell::Shown(50), Cell::Shown(60)]
        );
        assert_eq!(t.row_totals, vec![Cell::Shown(60), Cell::Shown(150)]);
        assert_eq!(
            t.column_totals,
            vec![Cell::Shown(50), Cell::Shown(70), Cell::Shown(90)]
        );
        assert_eq!(t.total, Cell::Shown(210));
    }

    #[test]
    fn all_small_cells_with_large_totals() {
        let counts = vec![vec![1, 2, 3], vec![4, 5, 6], vec![7, 8, 9]];
        let t = table(&counts);
        assert!(t.cells.iter().flatten().all(|c| *c == Cell::Small));
        assert_eq!(problems(&counts, &t), Vec::<String>::new());
    }

    #[test]
    fn whole_table_under_ten_is_all_small() {
        let counts = vec![vec![1, 2], vec![0, 3]];
        let t = table(&counts);
        assert!(published_grid(&t)
            .iter()
            .flatten()
            .all(|c| *c == Cell::Small));
        assert_eq!(problems(&counts, &t), Vec::<String>::new());
    }

    #[test]
    fn single_row_column_totals_mirror_cells() {
        let counts = vec![vec![3, 40, 25]];
        let t = table(&counts);
        assert_eq!(t.cells[0][0], Cell::Small);
        assert_eq!(t.cells[0], t.column_totals);
        assert_eq!(t.row_totals[0], t.total);
        assert_eq!(problems(&counts, &t), Vec::<String>::new());
    }

    #[test]
    fn single_column_row_totals_mirror_cells() {
        let counts = vec![vec![3], vec![40], vec![25]];
        let t = protect(names("district", 3), vec!["people".into()], &counts);
        assert_eq!(t.cells[0][0], Cell::Small);
        assert_eq!(t.row_totals[0], Cell::Small);
        let column: Vec<Cell> = t.cells.iter().map(|row| row[0]).collect();
        assert_eq!(column, t.row_totals);
        assert_eq!(t.column_totals[0], t.total);
        assert_eq!(problems(&counts, &t), Vec::<String>::new());
        // One small district among two large ones: hiding the smaller large one suffices.
        assert_eq!(column, vec![Cell::Small, Cell::Shown(40), Cell::Hidden]);
        assert_eq!(t.total, Cell::Shown(68));
    }

    #[test]
    fn single_cell() {
        let small = table(&[vec![7]]);
        assert!(published_grid(&small)
            .iter()
            .flatten()
            .all(|c| *c == Cell::Small));
        let large = table(&[vec![70]]);
        assert!(published_grid(&large)
            .iter()
            .flatten()
            .all(|c| *c == Cell::Shown(70)));
    }

    #[test]
    fn empty_tables_do_not_panic() {
        let t = protect(Vec::new(), vec!["people".into()], &[]);
        assert_eq!(t.column_totals, vec![Cell::Small]);
        assert_eq!(t.total, Cell::Small);
        let t = protect(names("r", 2), Vec::new(), &[vec![], vec![]]);
        assert_eq!(t.row_totals, vec![Cell::Small, Cell::Small]);
    }

    #[test]
    fn labels_and_json() {
        assert_eq!(Cell::Shown(123).label(), "123");
        assert_eq!(Cell::Small.label(), "< 10");
        assert_eq!(Cell::Hidden.label(), "—");
        let json = |c: Cell| serde_json::to_string(&c).unwrap_or_default();
        assert_eq!(json(Cell::Shown(12)), r#"{"kind":"shown","count":12}"#);
        assert_eq!(json(Cell::Small), r#"{"kind":"small"}"#);
        assert_eq!(json(Cell::Hidden), r#"{"kind":"hidden"}"#);
    }

    fn counts_strategy() -> impl Strategy<Value = Vec<Vec<u64>>> {
        (1usize..=6, 1usize..=5).prop_flat_map(|(rows, cols)| {
            let value = prop_oneof![0u64..10, 0u64..60];
            proptest::collection::vec(proptest::collection::vec(value, cols), rows)
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        #[test]
        fn prop_no_small_cell_can_be_worked_out(counts in counts_strategy()) {
            let t = table(&counts);
            prop_assert_eq!(problems(&counts, &t), Vec::<String>::new());
        }

        #[test]
        fn prop_tables_without_small_cells_hide_nothing(
            counts in (1usize..=6, 1usize..=5).prop_flat_map(|(rows, cols)| {
                proptest::collection::vec(proptest::collection::vec(10u64..60, cols), rows)
            })
        ) {
            prop_assert_eq!(hidden_count(&table(&counts)), 0);
        }

        #[test]
        fn prop_known_totals_stay_printed_and_small_cells_stay_protected(
            counts in counts_strategy(),
            row_totals in any::<bool>(),
            column_totals in any::<bool>(),
            total in any::<bool>(),
        ) {
            let known = Known { row_totals, column_totals, total };
            let cols = counts.first().map_or(0, Vec::len);
            let Some(t) = protect_with(names("r", counts.len()), names("c", cols), &counts, known) else {
                // Withheld: then some small cell really has no second table keeping the known
                // totals; the plain protection must find one for every cell it can.
                return Ok(());
            };
            if row_totals {
                prop_assert!(t.row_totals.iter().all(|c| *c != Cell::Hidden));
            }
            if column_totals {
                prop_assert!(t.column_totals.iter().all(|c| *c != Cell::Hidden));
            }
            // Every small inner cell can still take another value with the known totals kept
            // (inner cells that mirror a known total are known as well, and exempt).
            let grid = Grid::new(counts.len(), cols, &counts, known);
            let free = vec![Mark::Free; (counts.len() + 1) * (cols + 1)];
            for r in 0..counts.len() {
                for c in 0..cols {
                    let mirrors_known = (cols == 1 && row_totals) || (counts.len() == 1 && column_totals);
                    // Public through the known totals alone (say, a known total of 0).
                    let determined = !grid.protected(&free, r * (cols + 1) + c);
                    if t.cells[r][c] == Cell::Small && !mirrors_known && !determined {
                        prop_assert!(
                            second_table_knowing(&counts, &t, r, c, known).is_some(),
                            "({}, {}) can be worked out from {:?}", r, c, t
                        );
                    }
                }
            }
        }

        #[test]
        fn prop_protect_is_deterministic(counts in counts_strategy()) {
            prop_assert_eq!(table(&counts), table(&counts));
        }
    }
}
