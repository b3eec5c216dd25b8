//! mvs_native: the Lance core behind a small C ABI (see include/mvs_native.h and docs/abi.md).
//! This file only declares modules; every area lives in its own file. Layers, each using only
//! those above it: error, boundary → fence → runtime, fence_guard → stream → table_handle →
//! table, index, scan, write, cleanup, vector_upkeep, distributed (operation modules, which never import each other; take and
//! nearest and keyword are helpers below table and scan); abi apart;
//! syntax (tree-sitter chunking, no Lance) under chunk, its C ABI.

// Exported functions are `unsafe extern "C"`: their safety contract is their documentation in
// include/mvs_native.h (generated from the doc comments here), not a `# Safety` heading on each.
#![allow(clippy::missing_safety_doc)]

pub mod abi;
pub mod boundary;
pub mod chunk;
pub mod cleanup;
pub mod distributed;
pub mod error;
pub mod fence;
pub mod fence_guard;
pub mod index;
pub mod keyword;
pub mod nearest;
pub mod runtime;
pub mod scan;
pub mod stream;
pub mod syntax;
pub mod table;
pub mod table_handle;
pub mod take;
pub mod vector_upkeep;
pub mod write;
