//! Give-first messages. For now, the favour checker ([`favour`]): it finds where a message asks
//! for something (a job, an introduction, a call, feedback, a sale, "what can we do for each
//! other") in English and Dutch. The drafts themselves come next (issue 7).
//!
//! Pure: text in, findings out.

pub mod favour;
