//! The answers given so far on a journey: for each step answered, the step its
//! chosen way leads to. They live in the URL (`a=step.target`), see [`super::place`].

/// The ways chosen so far: for a step, the id of the step its chosen way leads to.
/// Steps with one "next" need no entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers(pub Vec<(String, String)>);

impl Answers {
    /// The chosen target at step `step`.
    pub fn get(&self, step: &str) -> Option<&str> {
        self.0.iter().find(|(s, _)| s == step).map(|(_, t)| t.as_str())
    }

    /// These answers with `target` chosen at `step` (replacing an earlier choice there).
    pub fn with(&self, step: &str, target: &str) -> Answers {
        let mut answers = self.clone();
        match answers.0.iter_mut().find(|(s, _)| s == step) {
            Some(entry) => entry.1 = target.to_owned(),
            None => answers.0.push((step.to_owned(), target.to_owned())),
        }
        answers
    }

    /// True when no way has been chosen.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
