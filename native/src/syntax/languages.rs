//! The table of languages with declaration chunks: a language name (as the Java side's
//! `dev.mvs.engine.scan.Languages` gives it) to its rules. Adding a language is a file of rules,
//! its line here, and a test. Markdown, YAML and TOML are split by lines instead (`outline.rs`).

use super::c_family::CFamily;
use super::csharp::CSharp;
use super::ecmascript::EcmaScript;
use super::go::Go;
use super::java::Java;
use super::json::Json;
use super::kotlin::Kotlin;
use super::php::Php;
use super::python::Python;
use super::ruby::Ruby;
use super::rust_lang::Rust;
use super::scala::Scala;
use super::shell::Shell;
use super::swift::Swift;
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
        "kotlin" => &Kotlin,
        "scala" => &Scala,
        "c" => &CFamily { cpp: false },
        "cpp" => &CFamily { cpp: true },
        "csharp" => &CSharp,
        "ruby" => &Ruby,
        "php" => &Php,
        "swift" => &Swift,
        "shell" => &Shell,
        "json" => &Json,
        _ => return None,
    })
}
