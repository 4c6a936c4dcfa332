//! Words for search: folding Nordic letters and case, splitting text into words,
//! and the edit distance that forgives small typos. Hand-written for the few
//! letters the guides use, so the WebAssembly carries no Unicode tables.

/// Folds one word for comparison: lower case, æ/ä → a, ø/ö → o, å → a, é/è/ê/ë → e,
/// ü → u, and "aa" → "a" (the old spelling of å), so `Låsa`, `lasa` and `laasa` meet.
///
/// Folding only merges spellings (`være` and `vare` become one), which costs a few
/// extra hits but never loses one.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'æ' | 'ä' | 'å' | 'á' | 'à' | 'â' => 'a',
            'ø' | 'ö' | 'ó' | 'ò' | 'ô' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            c => c,
        };
        if c == 'a' && out.ends_with('a') {
            continue;
        }
        out.push(c);
    }
    out
}

/// The words of `text` with their byte ranges, folded.
pub fn words(text: &str) -> impl Iterator<Item = (usize, usize, String)> + '_ {
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while rest.peek().is_some_and(|(_, c)| !c.is_alphanumeric()) {
            rest.next();
        }
        let (start, _) = *rest.peek()?;
        let mut end = start;
        while let Some(&(i, c)) = rest.peek().filter(|(_, c)| c.is_alphanumeric()) {
            end = i + c.len_utf8();
            rest.next();
        }
        Some((start, end, fold(&text[start..end])))
    })
}

/// The typos forgiven in a word of `len` letters: none below 4, one up to 7, two above.
pub fn tolerance(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Damerau-Levenshtein distance (optimal string alignment: insert, delete, replace,
/// swap two neighbours) between `a` and `b`, or `None` if it is more than `max`.
pub fn distance(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    // Three rows: two back (for swaps), the previous one, and the current one.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        let mut row_min = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (previous[j] + 1).min(current[j - 1] + 1).min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            current[j] = d;
            row_min = row_min.min(d);
        }
        // Every later row is at least this row's minimum: stop early.
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    Some(previous[b.len()]).filter(|&d| d <= max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dist(a: &str, b: &str, max: usize) -> Option<usize> {
        distance(&a.chars().collect::<Vec<_>>(), &b.chars().collect::<Vec<_>>(), max)
    }

    #[test]
    fn nordic_letters_and_case_fold_together() {
        assert_eq!(fold("Låsa"), "lasa");
        assert_eq!(fold("LAASA"), "lasa");
        assert_eq!(fold("Växjö"), fold("væxjø"));
        assert_eq!(fold("Kafé"), "kafe");
    }

    #[test]
    fn words_split_on_anything_but_letters_and_digits() {
        let found: Vec<_> = words("Tast PIN1, «engangskoden»!").collect();
        assert_eq!(found, [(0, 4, "tast".into()), (5, 9, "pin1".into()), (13, 25, "engangskoden".into())]);
    }

    #[test]
    fn distance_counts_edits_and_swaps_and_gives_up_past_the_limit() {
        assert_eq!(dist("buypas", "buypass", 1), Some(1));
        assert_eq!(dist("pukk", "puk", 1), Some(1));
        assert_eq!(dist("smratkort", "smartkort", 1), Some(1));
        assert_eq!(dist("kort", "kurs", 1), None);
        assert_eq!(dist("engnagskod", "engangskode", 2), Some(2));
    }

    #[test]
    fn short_words_must_be_exact() {
        assert_eq!((tolerance(3), tolerance(4), tolerance(7), tolerance(8)), (0, 1, 1, 2));
    }
}
