//! The table of languages with declaration chunks: a language name (as the Java side's
//! `dev.mvs.engine.scan.Languages` gives it) to its rules. Adding a language is a file of rules,
//! its line here, and a test.

use super::ecmascript::EcmaScript;
use super::go::Go;
use super::java::Java;
use super::python::Python;
use super::rust_lang::Rust;
use super::LanguageRules;

/// The rules for `language`, or None when it has no grammar here.
pub fn rules_for(language: &str) -> Option<&'static dyn LanguageRules> {
    Some(match language {
        "java" => &Java,
        "python" => &Python,
        "javascript" => &EcmaScript { typescript: false },
        "typescript" => &EcmaScript { typescript: true },
        "go" => &Go,
        "rust" => &Rust,
        _ => return None,
    })
}
