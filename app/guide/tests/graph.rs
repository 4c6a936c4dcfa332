//! The diagram of every shipped guide: one node per step, one edge per answer and
//! "next", and no two boxes on top of each other.

mod common;

use veiviser_guide::graph::{self, SvgOptions};
use veiviser_guide::WayKind;

#[test]
fn every_guide_draws_one_node_per_step_and_one_edge_per_answer_or_next() {
    let (index, guides) = common::content();
    for guide in &guides {
        let start = &index.guide(&guide.id).unwrap().start;
        let layout = graph::layout(guide, start);
        let svg = graph::svg(&layout, guide, &SvgOptions { legend: true, start: Some(start), ..SvgOptions::default() });
        let ways = guide.steps.iter().flat_map(|s| &s.ways).filter(|w| w.kind != WayKind::Inline).count();
        assert_eq!(svg.matches("class=\"node\"").count(), guide.steps.len(), "{}", guide.path);
        assert_eq!(svg.matches("class=\"edge\"").count(), ways, "{}", guide.path);
        assert_eq!(svg.matches("<svg").count(), 1);
        assert!(svg.trim_end().ends_with("</svg>"));
        assert!(!svg.contains("style"), "{}: the policy forbids inline styles", guide.path);
    }
}

#[test]
fn no_two_nodes_overlap_and_all_lie_inside_the_drawing() {
    let (index, guides) = common::content();
    for guide in &guides {
        let layout = graph::layout(guide, &index.guide(&guide.id).unwrap().start);
        let nodes = &layout.nodes;
        for (i, a) in nodes.iter().enumerate() {
            assert!(a.x >= 0.0 && a.y >= 0.0 && a.x + a.width <= layout.width && a.y + a.height <= layout.height);
            for b in &nodes[i + 1..] {
                let apart =
                    a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
                assert!(apart, "{}: {:?} overlaps {:?}", guide.path, a.kind, b.kind);
            }
        }
    }
}

#[test]
fn forward_edges_go_down_and_back_edges_only_leave_loop_steps() {
    let (index, guides) = common::content();
    for guide in &guides {
        let layout = graph::layout(guide, &index.guide(&guide.id).unwrap().start);
        for edge in &layout.edges {
            let (from, to) = (&layout.nodes[edge.from], &layout.nodes[edge.to]);
            if edge.back {
                assert!(
                    guide.steps[edge.step].is_loop(),
                    "{}: back edge from `{}`",
                    guide.path,
                    guide.steps[edge.step].id
                );
            } else {
                assert!(to.layer > from.layer, "{}", guide.path);
            }
        }
    }
}
