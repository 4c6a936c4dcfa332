//! A guide's flow as a diagram: a layered (Sugiyama-style) layout of its steps and
//! ways, and a standalone SVG of it ([`svg::svg`]).
//!
//! What is drawn: one node per step (in file order: node `i` is step `i`), and one
//! edge per answer or "next" (`Choice`/`Next` ways) whose target exists; a way to
//! another guide ends in an extra "exit" node after the steps. Links inside the prose
//! (`Inline` ways) are not drawn: they are cross-references, not the flow, and
//! would double the edges of the large guides.
//!
//! How: layers by longest path from the start (edges back up a path, as from `.loop`
//! steps, are found by a depth-first search and turned round while laying out),
//! long edges cut into one dummy per layer they pass, crossings cut by barycentre
//! sweeps ([`order`]), then each layer placed as near its neighbours as spacing
//! allows. Everything is O((V + E) log V) per sweep, with a few sweeps.

mod order;
pub mod svg;

pub use svg::{svg, SvgOptions, Words};

use std::collections::HashMap;

use crate::model::guide::{Guide, Target, WayKind};

/// Size of every node: fixed, so layers line up; titles are cut to fit.
pub const NODE_WIDTH: f32 = 184.0;
pub const NODE_HEIGHT: f32 = 52.0;
/// Vertical room between layers, where the answers' labels go.
const LAYER_GAP: f32 = 96.0;
/// Horizontal room between two nodes, and beside an edge passing through a layer.
const NODE_GAP: f32 = 28.0;
const LANE_GAP: f32 = 14.0;
const MARGIN: f32 = 24.0;

/// What a node stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeKind {
    /// The step at this position of `guide.steps`.
    Step(usize),
    /// A way out to another guide (and step), drawn once however many ways lead there.
    Exit { guide: String, step: Option<String> },
}

/// A box of the diagram; `x`, `y` is its top left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    pub layer: usize,
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

/// One drawn way: from node to node, as a polyline ending at the target.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    /// The way it draws: `guide.steps[step].ways[way]`.
    pub step: usize,
    pub way: usize,
    /// True for a way that leads back up (to an earlier layer or to itself).
    pub back: bool,
    pub points: Vec<(f32, f32)>,
}

/// A laid-out diagram of one guide.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    pub width: f32,
    pub height: f32,
    /// Number of layers (rows) from the start down.
    pub layers: usize,
}

/// Lays out `guide` from its step `start` (a missing start: from the first step).
pub fn layout(guide: &Guide, start: &str) -> Layout {
    let (mut nodes, mut edges) = nodes_and_edges(guide);
    let n = nodes.len();
    if n == 0 {
        return Layout { nodes, edges, width: 2.0 * MARGIN, height: 2.0 * MARGIN, layers: 0 };
    }
    let start = guide.step_index(start).unwrap_or(0);
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, e) in edges.iter().enumerate() {
        out[e.from].push(i);
    }
    let order = mark_back_edges(start, &out, &mut edges);
    let layer = longest_path_layers(n, &order, &out, &edges);

    // Vertices: the nodes, then one dummy per layer a long edge passes through.
    let mut vertex_layer = layer.clone();
    let mut chains: Vec<Vec<usize>> = Vec::with_capacity(edges.len());
    for e in &edges {
        let (a, b) = if e.back { (e.to, e.from) } else { (e.from, e.to) };
        let mut chain = vec![a];
        if a != b {
            for l in layer[a] + 1..layer[b] {
                chain.push(vertex_layer.len());
                vertex_layer.push(l);
            }
            chain.push(b);
        }
        chains.push(chain);
    }
    let v = vertex_layer.len();
    let (mut up, mut down) = (vec![Vec::new(); v], vec![Vec::new(); v]);
    for chain in &chains {
        for pair in chain.windows(2) {
            down[pair[0]].push(pair[1]);
            up[pair[1]].push(pair[0]);
        }
    }

    // First order: nodes in depth-first order, each edge's dummies right after its
    // source, which already keeps most branches apart.
    let layer_count = layer.iter().max().map_or(0, |m| m + 1);
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); layer_count];
    let mut chains_from: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, chain) in chains.iter().enumerate() {
        chains_from[chain[0]].push(i);
    }
    for &node in &order {
        layers[layer[node]].push(node);
        for &c in &chains_from[node] {
            let dummies = chains[c].len().saturating_sub(2);
            for &d in chains[c].iter().skip(1).take(dummies) {
                layers[vertex_layer[d]].push(d);
            }
        }
    }
    order::reduce_crossings(&mut layers, &up, &down, 12);

    let width_of = |v: usize| if v < n { NODE_WIDTH } else { 0.0 };
    let x = place_layers(&layers, &up, &down, &width_of, n);
    let y = |l: usize| MARGIN + l as f32 * (NODE_HEIGHT + LAYER_GAP);
    for (i, node) in nodes.iter_mut().enumerate() {
        node.layer = layer[i];
        node.x = x[i] - NODE_WIDTH / 2.0;
        node.y = y(layer[i]);
    }
    route(&mut edges, &chains, &nodes, &x, &vertex_layer, &y);
    let width = nodes.iter().map(|n| n.x + n.width).chain(x.iter().copied()).fold(0.0, f32::max) + MARGIN;
    let height = y(layer_count) - LAYER_GAP + MARGIN;
    Layout { nodes, edges, width, height, layers: layer_count }
}

/// The nodes (steps, then exits) and the edges, before any geometry.
fn nodes_and_edges(guide: &Guide) -> (Vec<Node>, Vec<Edge>) {
    let node = |kind| Node { kind, layer: 0, x: 0.0, y: 0.0, width: NODE_WIDTH, height: NODE_HEIGHT };
    let mut nodes: Vec<Node> = (0..guide.steps.len()).map(|i| node(NodeKind::Step(i))).collect();
    let mut exits: HashMap<(String, Option<String>), usize> = HashMap::new();
    let mut edges = Vec::new();
    for (s, step) in guide.steps.iter().enumerate() {
        for (w, way) in step.ways.iter().enumerate().filter(|(_, w)| w.kind != WayKind::Inline) {
            let to = match &way.target {
                Target::Step(id) => guide.step_index(id),
                Target::Guide { guide, step } => {
                    Some(*exits.entry((guide.clone(), step.clone())).or_insert_with(|| {
                        nodes.push(node(NodeKind::Exit { guide: guide.clone(), step: step.clone() }));
                        nodes.len() - 1
                    }))
                }
                _ => None,
            };
            if let Some(to) = to {
                edges.push(Edge { from: s, to, step: s, way: w, back: false, points: Vec::new() });
            }
        }
    }
    (nodes, edges)
}

/// Depth-first from the start (then from any node not reached), marking each edge
/// that leads to a node still on the path as `back`. Returns the nodes in preorder.
fn mark_back_edges(start: usize, out: &[Vec<usize>], edges: &mut [Edge]) -> Vec<usize> {
    let n = out.len();
    // 0: not seen, 1: on the path, 2: done.
    let mut state = vec![0u8; n];
    let mut preorder = Vec::with_capacity(n);
    for root in std::iter::once(start).chain(0..n) {
        if state[root] != 0 {
            continue;
        }
        state[root] = 1;
        preorder.push(root);
        let mut stack = vec![(root, 0usize)];
        while let Some((node, next)) = stack.last_mut() {
            let node = *node;
            let Some(&e) = out[node].get(*next) else {
                state[node] = 2;
                stack.pop();
                continue;
            };
            *next += 1;
            let to = edges[e].to;
            match state[to] {
                0 => {
                    state[to] = 1;
                    preorder.push(to);
                    stack.push((to, 0));
                }
                1 => edges[e].back = true,
                _ => {}
            }
        }
    }
    preorder
}

/// Layer of each node: the longest path to it from a node nothing leads to,
/// over the edges that are not back edges (a DAG once those are set aside).
fn longest_path_layers(n: usize, order: &[usize], out: &[Vec<usize>], edges: &[Edge]) -> Vec<usize> {
    let mut indegree = vec![0usize; n];
    for e in edges.iter().filter(|e| !e.back) {
        indegree[e.to] += 1;
    }
    let mut layer = vec![0usize; n];
    // Kahn's order, seeded in depth-first order so the start comes first.
    let mut ready: Vec<usize> = order.iter().rev().copied().filter(|&v| indegree[v] == 0).collect();
    while let Some(v) = ready.pop() {
        for e in out[v].iter().map(|&e| &edges[e]).filter(|e| !e.back) {
            layer[e.to] = layer[e.to].max(layer[v] + 1);
            indegree[e.to] -= 1;
            if indegree[e.to] == 0 {
                ready.push(e.to);
            }
        }
    }
    layer
}

/// X of each vertex's centre: layers start evenly spaced, then a few sweeps pull each
/// vertex towards the mean of its neighbours, keeping order and spacing.
fn place_layers(
    layers: &[Vec<usize>],
    up: &[Vec<usize>],
    down: &[Vec<usize>],
    width_of: &dyn Fn(usize) -> f32,
    nodes: usize,
) -> Vec<f32> {
    let gaps = |layer: &[usize]| -> Vec<f32> {
        layer
            .windows(2)
            .map(|p| {
                let room = if p[0] < nodes && p[1] < nodes { NODE_GAP } else { LANE_GAP };
                (width_of(p[0]) + width_of(p[1])) / 2.0 + room
            })
            .collect()
    };
    let mut x = vec![0.0f32; up.len()];
    for layer in layers {
        let evenly = order::place(&vec![0.0; layer.len()], &gaps(layer));
        for (&v, xv) in layer.iter().zip(evenly) {
            x[v] = xv;
        }
    }
    let pull = |layer: &[usize], adjacent: &[Vec<usize>], x: &mut [f32]| {
        let desired: Vec<f32> = layer
            .iter()
            .map(|&v| match adjacent[v].len() {
                0 => x[v],
                k => adjacent[v].iter().map(|&u| x[u]).sum::<f32>() / k as f32,
            })
            .collect();
        for (&v, xv) in layer.iter().zip(order::place(&desired, &gaps(layer))) {
            x[v] = xv;
        }
    };
    for _ in 0..8 {
        for layer in layers.iter().skip(1) {
            pull(layer, up, &mut x);
        }
        for layer in layers.iter().rev().skip(1) {
            pull(layer, down, &mut x);
        }
    }
    let left = layers.iter().flatten().map(|&v| x[v] - width_of(v) / 2.0).fold(f32::INFINITY, f32::min);
    let shift = if left.is_finite() { MARGIN - left } else { 0.0 };
    x.iter().map(|xv| xv + shift).collect()
}

/// Polylines: from the bottom of the source (edges leaving a node spread along its
/// bottom in the order of where they go), straight down through each dummy's layer,
/// into the top of the target; back edges are drawn the other way round.
fn route(
    edges: &mut [Edge],
    chains: &[Vec<usize>],
    nodes: &[Node],
    x: &[f32],
    vertex_layer: &[usize],
    y: &dyn Fn(usize) -> f32,
) {
    let mut ports_out: Vec<Vec<(f32, usize)>> = vec![Vec::new(); nodes.len()];
    let mut ports_in: Vec<Vec<(f32, usize)>> = vec![Vec::new(); nodes.len()];
    for (i, chain) in chains.iter().enumerate().filter(|(_, c)| c.len() > 1) {
        ports_out[chain[0]].push((x[chain[1]], i));
        ports_in[chain[chain.len() - 1]].push((x[chain[chain.len() - 2]], i));
    }
    let spread = |ports: &mut Vec<(f32, usize)>, node: &Node| -> Vec<(usize, f32)> {
        ports.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let k = ports.len() as f32;
        ports.iter().enumerate().map(|(j, &(_, e))| (e, node.x + node.width * (j as f32 + 1.0) / (k + 1.0))).collect()
    };
    let mut start_x = vec![0.0; edges.len()];
    let mut end_x = vec![0.0; edges.len()];
    for (v, node) in nodes.iter().enumerate() {
        for (e, px) in spread(&mut ports_out[v], node) {
            start_x[e] = px;
        }
        for (e, px) in spread(&mut ports_in[v], node) {
            end_x[e] = px;
        }
    }
    for (i, (edge, chain)) in edges.iter_mut().zip(chains).enumerate() {
        let a = &nodes[chain[0]];
        if chain.len() == 1 {
            // A step that leads to itself: a small loop on its right side.
            let (r, top, bottom) = (a.x + a.width, a.y + a.height * 0.3, a.y + a.height * 0.7);
            edge.points = vec![(r, top), (r + 18.0, top), (r + 18.0, bottom), (r, bottom)];
            continue;
        }
        let b = &nodes[chain[chain.len() - 1]];
        let mut points = vec![(start_x[i], a.y + a.height)];
        for &d in &chain[1..chain.len() - 1] {
            points.push((x[d], y(vertex_layer[d])));
            points.push((x[d], y(vertex_layer[d]) + NODE_HEIGHT));
        }
        points.push((end_x[i], b.y));
        if edge.back {
            points.reverse();
        }
        edge.points = points;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::guide::parse;
    use crate::model::source::Source;

    fn guide(body: &str) -> Guide {
        parse(&Source::new("g.nb.md", format!("---\ntitle: G\nlang: nb\n---\n{body}"))).0
    }

    const BRANCHES: &str = "## A {#a}\n\n- [B](#b)\n- [C](#c)\n- [Annen](other.nb.md#x)\n\n\
        ## B {#b}\n\nSe [C](#c).\n\n[Videre](#d)\n\n## C {#c}\n\n[Videre](#d)\n\n\
        ## D {#d .loop}\n\n- [Igjen](#a)\n- [Slutt](#e)\n\n## E {#e .end}\n";

    fn layer_of(layout: &Layout, step: usize) -> usize {
        layout.nodes[step].layer
    }

    #[test]
    fn layers_follow_the_longest_path_from_the_start_and_loops_point_back() {
        let layout = layout(&guide(BRANCHES), "a");
        assert_eq!((0..5).map(|s| layer_of(&layout, s)).collect::<Vec<_>>(), [0, 1, 1, 2, 3]);
        assert_eq!(layout.layers, 4);
        let back: Vec<_> = layout.edges.iter().filter(|e| e.back).map(|e| (e.from, e.to)).collect();
        assert_eq!(back, [(3, 0)]);
    }

    #[test]
    fn one_edge_per_answer_and_next_but_none_for_links_in_prose() {
        let layout = layout(&guide(BRANCHES), "a");
        // a: 3 answers, b: next (its prose link to c is not drawn), c: next, d: 2 answers.
        assert_eq!(layout.edges.len(), 7);
        assert_eq!(layout.nodes.len(), 6);
        assert_eq!(layout.nodes[5].kind, NodeKind::Exit { guide: "other".into(), step: Some("x".into()) });
    }

    #[test]
    fn edges_start_at_their_source_and_end_at_their_target() {
        let layout = layout(&guide(BRANCHES), "a");
        for edge in &layout.edges {
            let (from, to) = (&layout.nodes[edge.from], &layout.nodes[edge.to]);
            let (first, last) = (edge.points[0], *edge.points.last().unwrap());
            let on = |n: &Node, (x, y): (f32, f32)| x >= n.x && x <= n.x + n.width && (y == n.y || y == n.y + n.height);
            assert!(on(from, first) && on(to, last), "{edge:?}");
        }
    }

    #[test]
    fn a_step_that_leads_to_itself_gets_a_loop_beside_it() {
        let layout = layout(&guide("## A {#a .loop}\n\n- [Igjen](#a)\n- [Slutt](#b)\n\n## B {#b .end}\n"), "a");
        let selfie = layout.edges.iter().find(|e| e.from == e.to).unwrap();
        assert!(selfie.back && selfie.points.iter().all(|p| p.0 >= layout.nodes[0].x + NODE_WIDTH));
    }

    #[test]
    fn nodes_in_a_wide_layer_do_not_overlap() {
        let answers: String = (0..12).map(|i| format!("- [S{i}](#s{i})\n")).collect();
        let steps: String = (0..12).map(|i| format!("## S{i} {{#s{i} .end}}\n\n")).collect();
        let layout = layout(&guide(&format!("## A {{#a}}\n\n{answers}\n{steps}")), "a");
        let mut row: Vec<f32> = layout.nodes.iter().filter(|n| n.layer == 1).map(|n| n.x).collect();
        row.sort_by(f32::total_cmp);
        assert_eq!(row.len(), 12);
        assert!(row.windows(2).all(|p| p[1] - p[0] >= NODE_WIDTH), "{row:?}");
        assert!(layout.nodes.iter().all(|n| n.x >= 0.0 && n.x + n.width <= layout.width));
    }
}
