//! A content file's text with the means to turn byte offsets into lines and columns.

/// The text of one content file and where its lines start.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path as the author knows it, relative to the content folder (for example `mrs.nb.md`).
    pub path: String,
    pub text: String,
    line_starts: Vec<usize>,
}

impl Source {
    /// Wraps a file's text; `path` is only used in findings.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Source { path: path.into(), text, line_starts }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let col = self.text[start..offset].chars().count() + 1;
        (line + 1, col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters_from_one() {
        let s = Source::new("a.md", "ab\næøå x\n");
        assert_eq!(s.position(0), (1, 1));
        assert_eq!(s.position(3), (2, 1));
        // 'x' comes after three two-byte letters and a space.
        assert_eq!(s.position(3 + 7), (2, 5));
        assert_eq!(s.position(999), (3, 1));
    }
}
