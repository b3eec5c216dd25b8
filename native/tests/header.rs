//! The committed header is the contract: it must be exactly what cbindgen generates from the source.
//! Regenerate with `MVS_UPDATE_HEADER=1 cargo test --release --test header`.

#[test]
fn committed_header_matches_cbindgen_output() {
    let crate_dir = env!("CARGO_MANIFEST_DIR");
    let config = cbindgen::Config::from_file(format!("{crate_dir}/cbindgen.toml")).expect("read cbindgen.toml");
    let mut generated = Vec::new();
    cbindgen::Builder::new()
        .with_crate(crate_dir)
        .with_config(config)
        .generate()
        .expect("cbindgen generates the header")
        .write(&mut generated);
    let path = format!("{crate_dir}/include/mvs_native.h");
    if std::env::var_os("MVS_UPDATE_HEADER").is_some() {
        std::fs::create_dir_all(format!("{crate_dir}/include")).expect("create include/");
        std::fs::write(&path, &generated).expect("write header");
        return;
    }
    let committed = std::fs::read(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{path} differs from what cbindgen generates from src/; regenerate it with \
         `MVS_UPDATE_HEADER=1 cargo test --release --test header` (or ./build-native.sh --update-header) and commit it"
    );
}
