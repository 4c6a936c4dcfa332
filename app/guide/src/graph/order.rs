//! The two numeric cores of the layered layout: ordering each layer to cut edge
//! crossings (barycentre sweeps), and placing a layer's nodes as close to where
//! their neighbours pull them as their order and spacing allow.

/// Reorders `layers` (vertex ids per layer) with `sweeps` down-and-up barycentre
/// sweeps and keeps the order with the fewest crossings seen.
/// `up[v]` / `down[v]` are v's neighbours in the layer above / below.
pub(super) fn reduce_crossings(layers: &mut [Vec<usize>], up: &[Vec<usize>], down: &[Vec<usize>], sweeps: usize) {
    let mut pos = vec![0usize; up.len()];
    let index = |layers: &[Vec<usize>], pos: &mut [usize]| {
        for layer in layers {
            for (i, &v) in layer.iter().enumerate() {
                pos[v] = i;
            }
        }
    };
    index(layers, &mut pos);
    let mut best = layers.to_vec();
    let mut best_crossings = crossings(layers, down, &pos);
    let mut stale = 0;
    for _ in 0..sweeps {
        for layer in layers.iter_mut().skip(1) {
            sort_by_barycentre(layer, up, &mut pos);
        }
        for layer in layers.iter_mut().rev().skip(1) {
            sort_by_barycentre(layer, down, &mut pos);
        }
        let now = crossings(layers, down, &pos);
        if now < best_crossings {
            best_crossings = now;
            best = layers.to_vec();
            stale = 0;
        } else {
            // Sweeps settle into a cycle quickly; a few without gain end the search.
            stale += 1;
            if stale == 3 {
                break;
            }
        }
    }
    layers.clone_from_slice(&best);
}

/// Sorts one layer by the mean position of each vertex's neighbours in `adjacent`;
/// a vertex with none keeps its own position as its key, so it stays roughly put.
fn sort_by_barycentre(layer: &mut [usize], adjacent: &[Vec<usize>], pos: &mut [usize]) {
    let key = |v: usize| -> f32 {
        let n = &adjacent[v];
        if n.is_empty() {
            pos[v] as f32
        } else {
            n.iter().map(|&u| pos[u] as f32).sum::<f32>() / n.len() as f32
        }
    };
    let mut keyed: Vec<(f32, usize, usize)> = layer.iter().map(|&v| (key(v), pos[v], v)).collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    for (i, (_, _, v)) in keyed.into_iter().enumerate() {
        layer[i] = v;
        pos[v] = i;
    }
}

/// Number of crossing segment pairs between all adjacent layers: for each pair of
/// layers, the inversions of the lower ends once segments are sorted by upper end
/// (counted with a Fenwick tree, so O(E log V)).
pub(super) fn crossings(layers: &[Vec<usize>], down: &[Vec<usize>], pos: &[usize]) -> usize {
    let mut total = 0;
    for pair in layers.windows(2) {
        let mut segments: Vec<(usize, usize)> =
            pair[0].iter().flat_map(|&u| down[u].iter().map(move |&v| (pos[u], pos[v]))).collect();
        segments.sort_unstable();
        let mut tree = vec![0usize; pair[1].len() + 1];
        for (seen, &(_, v)) in segments.iter().enumerate() {
            // Segments seen so far whose lower end lies right of v cross this one.
            let mut at_most_v = 0;
            let mut i = v + 1;
            while i > 0 {
                at_most_v += tree[i];
                i -= i & i.wrapping_neg();
            }
            total += seen - at_most_v;
            let mut i = v + 1;
            while i < tree.len() {
                tree[i] += 1;
                i += i & i.wrapping_neg();
            }
        }
    }
    total
}

/// Positions for one layer's vertices, in order: as close as possible (least squares)
/// to `desired`, with at least `gap[i]` between vertex i and i + 1.
///
/// Substituting y_i = x_i - (gap_0 + … + gap_{i-1}) turns the spacing into y being
/// non-decreasing, which pool-adjacent-violators solves exactly in linear time.
pub(super) fn place(desired: &[f32], gap: &[f32]) -> Vec<f32> {
    let mut offsets = Vec::with_capacity(desired.len());
    let mut sum = 0.0;
    for i in 0..desired.len() {
        offsets.push(sum);
        sum += gap.get(i).copied().unwrap_or(0.0);
    }
    // Blocks of (mean, count) that pool the targets which violate the order.
    let mut blocks: Vec<(f32, usize)> = Vec::new();
    for (d, o) in desired.iter().zip(&offsets) {
        let mut block = (d - o, 1usize);
        while let Some(&(mean, count)) = blocks.last() {
            if mean < block.0 {
                break;
            }
            blocks.pop();
            let n = count + block.1;
            block = ((mean * count as f32 + block.0 * block.1 as f32) / n as f32, n);
        }
        blocks.push(block);
    }
    blocks.iter().flat_map(|&(mean, count)| std::iter::repeat_n(mean, count)).zip(offsets).map(|(y, o)| y + o).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placing_keeps_the_gaps_and_otherwise_the_wishes() {
        assert_eq!(place(&[0.0, 100.0], &[10.0]), [0.0, 100.0]);
        // Both want 0: they share the difference.
        assert_eq!(place(&[0.0, 0.0], &[10.0]), [-5.0, 5.0]);
        // Order is kept even when the wishes are the other way round.
        assert_eq!(place(&[10.0, 0.0, 50.0], &[10.0, 10.0]), [0.0, 10.0, 50.0]);
    }

    #[test]
    fn crossings_count_pairs_of_segments_that_swap() {
        // 0 → 3 and 1 → 2 cross once; sorting the lower layer removes it.
        let down = vec![vec![3], vec![2], vec![], vec![]];
        let up = vec![vec![], vec![], vec![1], vec![0]];
        let mut layers = vec![vec![0, 1], vec![2, 3]];
        let pos = [0, 1, 0, 1];
        assert_eq!(crossings(&layers, &down, &pos), 1);
        reduce_crossings(&mut layers, &up, &down, 4);
        assert_eq!(layers[1], [3, 2]);
    }
}
