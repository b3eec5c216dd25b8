//! mvs_native: the Lance core behind a small C ABI (see include/mvs_native.h and docs/abi.md).
//! This file only declares modules; every area lives in its own file.

pub mod abi;
pub mod boundary;
pub mod cleanup;
pub mod error;
pub mod fence;
pub mod index;
pub mod runtime;
pub mod scan;
pub mod stream;
pub mod table;
pub mod write;
