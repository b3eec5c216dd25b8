//! The declarations each language's rules find, and the chunks of the line-split formats, on one
//! realistic file per language (`declarations` lists what the rules see, independent of how the
//! chunks are packed; `outline` is what `chunk` returns).

use std::time::Duration;

use tree_sitter::Parser;

use super::*;

fn limits(max_lines: usize, overlap_lines: usize) -> Limits {
    Limits {
        max_lines,
        overlap_lines,
        timeout: Duration::from_secs(5),
    }
}

/// The defaults the Java side uses (SyntaxChunker).
fn defaults() -> Limits {
    limits(120, 10)
}

/// Half the default budget, for samples of 40-50 lines: at the default, declarations under a
/// quarter of it (30 lines) merge, which would fold such a sample into one or two chunks; at half,
/// they stay apart (under 15 lines merge), as a real file's larger declarations do, so a test sees
/// each declaration's name and kind.
fn small_sample() -> Limits {
    limits(60, 10)
}

/// `kind symbol first-last` (1-based lines) of each chunk.
fn outline(language: &str, path: &str, text: &str, limits: Limits) -> Vec<String> {
    match chunk(language, path, text.as_bytes(), limits) {
        Outcome::Chunked(spans) => spans
            .iter()
            .map(|s| format!("{} {} {}-{}", s.kind, s.symbol, s.start + 1, s.end))
            .collect(),
        other => panic!("{language} not chunked: {other:?}"),
    }
}

/// `kind symbol first-last` of every declaration, each container's members right after it.
fn declarations(language: &str, path: &str, text: &str) -> Vec<String> {
    let rules = rules_for(language).expect("a registered language");
    let mut parser = Parser::new();
    parser
        .set_language(&rules.grammar(path))
        .expect("a grammar of this tree-sitter's ABI");
    let parsed = parser.parse(text, None).expect("a parse");
    assert!(!parsed.root_node().has_error(), "{language} snippet has syntax errors");
    let lines = Lines::of(text.as_bytes());
    let tree = SyntaxTree::new(rules, text.as_bytes(), lines.len());
    let file = File {
        tree: &tree,
        lines: &lines,
        limits: defaults(),
        cuts: &[],
    };
    let mut out = Vec::new();
    list(&file, parsed.root_node(), &Scope::top(), &mut out);
    out
}

fn list<'t>(file: &File<'_, 't, '_>, parent: tree_sitter::Node<'t>, scope: &Scope, out: &mut Vec<String>) {
    list_decls(file, file.collect(parent, scope), out);
}

fn list_decls<'t>(file: &File<'_, 't, '_>, decls: Vec<Decl<'t>>, out: &mut Vec<String>) {
    for decl in decls {
        out.push(format!("{} {} {}-{}", decl.kind, decl.symbol, decl.start + 1, decl.end + 1));
        if let (Some(body), Some(members)) = (decl.body, decl.members.as_ref()) {
            list(file, body, members, out);
        }
    }
}

/// Every line with content is in exactly one span (the line-split formats promise it).
fn assert_covers_content_once(language: &str, text: &str, limits: Limits) {
    let Outcome::Chunked(spans) = chunk(language, "", text.as_bytes(), limits) else {
        panic!("{language} not chunked");
    };
    for (row, line) in text.lines().enumerate() {
        let covering = spans.iter().filter(|s| (s.start..s.end).contains(&row)).count();
        let expected = usize::from(!line.trim().is_empty());
        assert!(
            covering == expected || (expected == 0 && covering <= 1),
            "{language} line {}: in {covering} chunks",
            row + 1
        );
    }
    assert!(spans.iter().all(|s| s.end - s.start <= limits.max_lines && s.start < s.end));
}

const KOTLIN: &str = r#"package com.example.shop

import kotlin.math.max

/** A shopping cart that holds line items for one owner. */
@Serializable
class Cart(private val owner: String) {
    private val items = mutableListOf<Item>()

    constructor() : this("guest")

    /** Adds an item; the same item twice adds up. */
    fun add(item: Item) {
        items.add(item)
    }

    fun total(): Double {
        return items.sumOf { it.price * max(it.quantity, 0) }
    }

    companion object Factory {
        fun empty(): Cart = Cart()
    }
}

data class Item(val name: String, val price: Double, val quantity: Int)

interface Priced {
    fun price(): Double
}

object Registry {
    fun lookup(name: String): Item? = null
}

fun main() {
    println(Cart().total())
}
"#;

#[test]
fn kotlin_classes_objects_companions_and_constructors() {
    assert_eq!(
        declarations("kotlin", "Cart.kt", KOTLIN),
        [
            "imports  1-3",
            "class Cart 5-24",
            "constructor Cart.constructor 10-10",
            "method Cart.add 12-15",
            "method Cart.total 17-19",
            "object Cart.Factory 21-23",
            "method Cart.Factory.empty 22-22",
            "class Item 26-26",
            "interface Priced 28-30",
            "method Priced.price 29-29",
            "object Registry 32-34",
            "method Registry.lookup 33-33",
            "function main 36-38",
        ]
    );
    assert_eq!(
        outline("kotlin", "Cart.kt", KOTLIN, limits(6, 2)),
        [
            "imports  1-3",
            "class Cart 5-9",
            "constructor Cart.constructor 10-10",
            "method Cart.add 12-15",
            "method Cart.total 17-19",
            "object Cart.Factory 21-23",
            "class Item 26-26",
            "interface Priced 28-30",
            "object Registry 32-34",
            "function main 36-38",
        ]
    );
    assert_eq!(
        outline("kotlin", "Cart.kt", KOTLIN, small_sample()),
        [
            "imports  1-3",
            "class Cart 5-24",
            "class, interface, object, function Item, Priced, Registry, main 26-38",
        ]
    );
    // at the default budget, a run of declarations merges until it holds 30 lines (a quarter)
    assert_eq!(
        outline("kotlin", "Cart.kt", KOTLIN, defaults()),
        [
            "imports  1-3",
            "class, interface, object Cart, Item, Priced, Registry 5-34",
            "function main 36-38"
        ]
    );
}

const SCALA: &str = r#"package shop

import scala.collection.mutable

/** A cart of items for one owner. */
class Cart(owner: String) {
  private val items = mutable.ListBuffer.empty[Item]

  def add(item: Item): Unit = {
    items += item
  }

  def total: Double =
    items.map(_.price).sum
}

object Cart {
  def empty: Cart = new Cart("guest")
}

trait Priced {
  def price: Double

  def discounted(rate: Double): Double = price * (1 - rate)
}

enum Color {
  case Red, Green
}

case class Item(name: String, price: Double)

def main(): Unit =
  println(Cart.empty.total)
"#;

#[test]
fn scala_classes_objects_traits_and_enums() {
    assert_eq!(
        declarations("scala", "Cart.scala", SCALA),
        [
            "imports  1-3",
            "class Cart 5-15",
            "method Cart.add 9-11",
            "method Cart.total 13-14",
            "object Cart 17-19",
            "method Cart.empty 18-18",
            "trait Priced 21-25",
            "method Priced.price 22-22",
            "method Priced.discounted 24-24",
            "enum Color 27-29",
            "class Item 31-31",
            "function main 33-34",
        ]
    );
    assert_eq!(
        outline("scala", "Cart.scala", SCALA, limits(6, 2)),
        [
            "imports  1-3",
            "class Cart 5-8",
            "method Cart.add 9-11",
            "method Cart.total 13-14",
            "object Cart 17-19",
            "trait Priced 21-25",
            "enum Color 27-29",
            "class Item 31-31",
            "function main 33-34",
        ]
    );
    assert_eq!(
        outline("scala", "Cart.scala", SCALA, small_sample()),
        [
            "imports  1-3",
            "class, object Cart 5-19",
            "trait, enum, class, function Priced, Color, Item, main 21-34",
        ]
    );
}

const C: &str = r#"#include <stdio.h>
#include <stdlib.h>

/* A growable byte buffer. */
struct buffer {
    char *data;
    size_t len;
};

typedef struct buffer buffer_t;

enum color { RED, GREEN };

union value {
    int i;
    double d;
};

/** Creates an empty buffer of `cap` bytes. */
static struct buffer *buffer_new(size_t cap) {
    struct buffer *b = malloc(sizeof *b);
    b->data = malloc(cap);
    b->len = 0;
    return b;
}

void buffer_free(struct buffer *b) {
    free(b->data);
    free(b);
}

int main(void) {
    struct buffer *b = buffer_new(16);
    printf("%zu\n", b->len);
    buffer_free(b);
    return 0;
}
"#;

#[test]
fn c_functions_named_through_declarators_and_tagged_types() {
    assert_eq!(
        declarations("c", "buffer.c", C),
        [
            "imports  1-2",
            "struct buffer 4-8",
            "type buffer_t 10-10",
            "enum color 12-12",
            "union value 14-17",
            "function buffer_new 19-25",
            "function buffer_free 27-30",
            "function main 32-37",
        ]
    );
    assert_eq!(
        outline("c", "buffer.c", C, limits(6, 2)),
        [
            "imports  1-2",
            "struct buffer 4-8",
            "type buffer_t 10-10",
            "enum color 12-12",
            "union value 14-17",
            "function buffer_new 19-23",
            "function buffer_new 24-25",
            "function buffer_free 27-30",
            "function main 32-37",
        ]
    );
    assert_eq!(
        outline("c", "buffer.c", C, small_sample()),
        [
            "imports  1-2",
            "struct, type, enum, union, function buffer, buffer_t, color, value, buffer_new 4-25",
            "function buffer_free, main 27-37",
        ]
    );
}

const C_HEADER: &str = r#"#ifndef BUFFER_H
#define BUFFER_H

#include <stddef.h>

/* A buffer whose type is its typedef. */
typedef struct {
    char *data;
    size_t len;
} buffer_t;

static inline size_t buffer_len(const buffer_t *b) {
    return b->len;
}

#endif
"#;

#[test]
fn c_include_guard_is_looked_through_and_typedef_struct_is_a_struct() {
    assert_eq!(
        declarations("c", "buffer.h", C_HEADER),
        ["imports  4-4", "struct buffer_t 6-10", "function buffer_len 12-14",]
    );
    assert_eq!(
        outline("c", "buffer.h", C_HEADER, limits(6, 2)),
        [
            "module  1-3",
            "imports  4-4",
            "struct buffer_t 6-10",
            "function buffer_len 12-14",
            "module  15-16",
        ]
    );
    assert_eq!(
        outline("c", "buffer.h", C_HEADER, defaults()),
        [
            "module  1-3",
            "imports  4-4",
            "struct, function buffer_t, buffer_len 6-14",
            "module  15-16",
        ]
    );
}

const CPP: &str = r#"#include <string>
#include <vector>

namespace shop {

/// A cart of items for one owner.
class Cart {
public:
    explicit Cart(std::string owner) : owner_(std::move(owner)) {}
    ~Cart() = default;

    void add(const Item &item) {
        items_.push_back(item);
    }

    double total() const;

    template <typename F>
    void each(F f) const {
        for (auto &i : items_) f(i);
    }

private:
    std::string owner_;
    std::vector<Item> items_;
};

struct Item {
    std::string name;
    double price;
};

double Cart::total() const {
    double sum = 0;
    for (auto &i : items_) sum += i.price;
    return sum;
}

template <typename T>
T twice(T value) {
    return value + value;
}

}  // namespace shop

int main() {
    shop::Cart cart("guest");
    return cart.total() > 0;
}
"#;

#[test]
fn cpp_namespaces_classes_templates_and_qualified_definitions() {
    assert_eq!(
        declarations("cpp", "cart.cpp", CPP),
        [
            "imports  1-2",
            "namespace shop 4-44",
            "class shop.Cart 6-26",
            "constructor shop.Cart.Cart 9-9",
            "method shop.Cart.~Cart 10-10",
            "method shop.Cart.add 12-14",
            "method shop.Cart.each 18-21",
            "struct shop.Item 28-31",
            "method shop.Cart.total 33-37",
            "function shop.twice 39-42",
            "function main 46-49",
        ]
    );
    assert_eq!(
        outline("cpp", "cart.cpp", CPP, limits(6, 2)),
        [
            "imports  1-2",
            "namespace shop 4-5",
            "class shop.Cart 6-8",
            "constructor shop.Cart.Cart 9-9",
            "method shop.Cart.~Cart 10-10",
            "method shop.Cart.add 12-14",
            "class shop.Cart 15-17",
            "method shop.Cart.each 18-21",
            "class shop.Cart 22-26",
            "struct shop.Item 28-31",
            "method shop.Cart.total 33-37",
            "function shop.twice 39-42",
            "namespace shop 43-44",
            "function main 46-49",
        ]
    );
    assert_eq!(
        outline("cpp", "cart.cpp", CPP, defaults()),
        ["imports  1-2", "namespace shop 4-44", "function main 46-49",]
    );
}

const CPP_EXTERN_C: &str = r#"extern "C" {
int legacy_open(const char *path);

int legacy_close(int fd) {
    return 0;
}
}
"#;

#[test]
fn cpp_extern_c_block_is_looked_through() {
    assert_eq!(declarations("cpp", "legacy.cpp", CPP_EXTERN_C), ["function legacy_close 4-6",]);
    assert_eq!(
        outline("cpp", "legacy.cpp", CPP_EXTERN_C, limits(6, 2)),
        ["module  1-3", "function legacy_close 4-6",]
    );
    assert_eq!(
        outline("cpp", "legacy.cpp", CPP_EXTERN_C, defaults()),
        ["module  1-3", "function legacy_close 4-6",]
    );
}

const CSHARP: &str = r#"using System;
using System.Collections.Generic;

namespace Shop.Billing
{
    /// <summary>A cart of items for one owner.</summary>
    [Serializable]
    public class Cart
    {
        private readonly List<Item> items = new();

        public Cart() { }

        ~Cart() { }

        public int Count => items.Count;

        public void Add(Item item)
        {
            items.Add(item);
        }

        public static Cart operator +(Cart cart, Item item)
        {
            cart.Add(item);
            return cart;
        }
    }

    public record Item(string Name, decimal Price);

    public interface IPriced
    {
        decimal Price { get; }
    }

    public enum Color { Red, Green }

    public struct Point
    {
        public int X;
        public int Y;
    }
}
"#;

#[test]
fn csharp_namespace_types_and_members() {
    assert_eq!(
        declarations("csharp", "Cart.cs", CSHARP),
        [
            "imports  1-2",
            "namespace Shop.Billing 4-44",
            "class Shop.Billing.Cart 6-28",
            "constructor Shop.Billing.Cart.Cart 12-12",
            "method Shop.Billing.Cart.~Cart 14-14",
            "property Shop.Billing.Cart.Count 16-16",
            "method Shop.Billing.Cart.Add 18-21",
            "method Shop.Billing.Cart.operator + 23-27",
            "record Shop.Billing.Item 30-30",
            "interface Shop.Billing.IPriced 32-35",
            "property Shop.Billing.IPriced.Price 34-34",
            "enum Shop.Billing.Color 37-37",
            "struct Shop.Billing.Point 39-43",
        ]
    );
    assert_eq!(
        outline("csharp", "Cart.cs", CSHARP, limits(6, 2)),
        [
            "imports  1-2",
            "namespace Shop.Billing 4-5",
            "class Shop.Billing.Cart 6-11",
            "constructor Shop.Billing.Cart.Cart 12-12",
            "method Shop.Billing.Cart.~Cart 14-14",
            "property Shop.Billing.Cart.Count 16-16",
            "method Shop.Billing.Cart.Add 18-21",
            "method Shop.Billing.Cart.operator + 23-27",
            "record Shop.Billing.Item 30-30",
            "interface Shop.Billing.IPriced 32-35",
            "enum Shop.Billing.Color 37-37",
            "struct Shop.Billing.Point 39-43",
        ]
    );
    assert_eq!(
        outline("csharp", "Cart.cs", CSHARP, defaults()),
        ["imports  1-2", "namespace Shop.Billing 4-44",]
    );
}

const CSHARP_FILE_SCOPED: &str = r#"namespace Shop.Tools;

public static class Extensions
{
    public static int Twice(this int x) => x * 2;
}
"#;

#[test]
fn csharp_file_scoped_namespace_qualifies_what_follows() {
    assert_eq!(
        declarations("csharp", "Extensions.cs", CSHARP_FILE_SCOPED),
        ["class Shop.Tools.Extensions 3-6", "method Shop.Tools.Extensions.Twice 5-5",]
    );
    assert_eq!(
        outline("csharp", "Extensions.cs", CSHARP_FILE_SCOPED, limits(6, 2)),
        ["module  1-2", "class Shop.Tools.Extensions 3-6",]
    );
    assert_eq!(
        outline("csharp", "Extensions.cs", CSHARP_FILE_SCOPED, defaults()),
        ["module  1-2", "class Shop.Tools.Extensions 3-6",]
    );
}

const RUBY: &str = r#"require "json"

# The shop and its carts.
module Shop
  # Holds the items of one owner.
  class Cart
    attr_reader :items

    def initialize(owner)
      @owner = owner
      @items = []
    end

    # Adds an item.
    def add(item)
      @items << item
      self
    end

    def self.empty
      new("guest")
    end
  end
end

class Shop::Item < Struct.new(:name, :price)
  def to_json(*args)
    to_h.to_json(*args)
  end
end

def main
  puts Shop::Cart.empty.items.size
end
"#;

#[test]
fn ruby_modules_classes_and_methods() {
    assert_eq!(
        declarations("ruby", "cart.rb", RUBY),
        [
            "module Shop 3-24",
            "class Shop.Cart 5-23",
            "constructor Shop.Cart.initialize 9-12",
            "method Shop.Cart.add 14-18",
            "method Shop.Cart.empty 20-22",
            "class Shop.Item 26-30",
            "method Shop.Item.to_json 27-29",
            "function main 32-34",
        ]
    );
    assert_eq!(
        outline("ruby", "cart.rb", RUBY, limits(6, 2)),
        [
            "module  1-2",
            "module Shop 3-4",
            "class Shop.Cart 5-8",
            "constructor Shop.Cart.initialize 9-12",
            "method Shop.Cart.add 14-18",
            "method Shop.Cart.empty 20-22",
            "class Shop.Item 26-30",
            "function main 32-34",
        ]
    );
    assert_eq!(
        outline("ruby", "cart.rb", RUBY, defaults()),
        ["module  1-2", "module Shop 3-24", "class, function Shop.Item, main 26-34",]
    );
}

const PHP: &str = r#"<?php

namespace App\Shop;

use App\Models\Item;

/**
 * A cart of items for one owner.
 */
#[Entity]
class Cart implements \Countable
{
    private array $items = [];

    public function __construct(private string $owner)
    {
    }

    public function add(Item $item): void
    {
        $this->items[] = $item;
    }

    public function count(): int
    {
        return count($this->items);
    }
}

interface Priced
{
    public function price(): float;
}

trait Discountable
{
    public function discount(): float
    {
        return 0.0;
    }
}

enum Color: string
{
    case Red = 'r';
}

function main(): void
{
    echo (new Cart('guest'))->count();
}
"#;

#[test]
fn php_unbraced_namespace_types_and_functions() {
    assert_eq!(
        declarations("php", "Cart.php", PHP),
        [
            "imports  5-5",
            "class App.Shop.Cart 7-28",
            "constructor App.Shop.Cart.__construct 15-17",
            "method App.Shop.Cart.add 19-22",
            "method App.Shop.Cart.count 24-27",
            "interface App.Shop.Priced 30-33",
            "method App.Shop.Priced.price 32-32",
            "trait App.Shop.Discountable 35-41",
            "method App.Shop.Discountable.discount 37-40",
            "enum App.Shop.Color 43-46",
            "function App.Shop.main 48-51",
        ]
    );
    assert_eq!(
        outline("php", "Cart.php", PHP, limits(6, 2)),
        [
            "module  1-4",
            "imports  5-5",
            "class App.Shop.Cart 7-12",
            "class App.Shop.Cart 13-14",
            "constructor App.Shop.Cart.__construct 15-17",
            "method App.Shop.Cart.add 19-22",
            "method App.Shop.Cart.count 24-27",
            "interface App.Shop.Priced 30-33",
            "trait App.Shop.Discountable 35-36",
            "method App.Shop.Discountable.discount 37-40",
            "enum App.Shop.Color 43-46",
            "function App.Shop.main 48-51",
        ]
    );
    assert_eq!(
        outline("php", "Cart.php", PHP, small_sample()),
        [
            "module  1-4",
            "imports  5-5",
            "class App.Shop.Cart 7-28",
            "interface, trait, enum App.Shop.Priced, App.Shop.Discountable, App.Shop.Color 30-46",
            "function App.Shop.main 48-51",
        ]
    );
}

const SWIFT: &str = r#"import Foundation

/// A cart of items for one owner.
final class Cart {
    private var items: [Item] = []

    init(items: [Item]) {
        self.items = items
    }

    deinit {
        print("bye")
    }

    func add(_ item: Item) {
        items.append(item)
    }
}

struct Item {
    let name: String
    let price: Double
}

enum Color {
    case red, green
}

protocol Priced {
    func price() -> Double
}

extension Cart: Priced {
    func price() -> Double {
        items.reduce(0) { $0 + $1.price }
    }
}

actor Counter {
    var value = 0
}

func main() {
    print(Cart(items: []).price())
}
"#;

#[test]
fn swift_types_extensions_protocols_and_initializers() {
    assert_eq!(
        declarations("swift", "Cart.swift", SWIFT),
        [
            "imports  1-1",
            "class Cart 3-18",
            "constructor Cart.init 7-9",
            "method Cart.deinit 11-13",
            "method Cart.add 15-17",
            "struct Item 20-23",
            "enum Color 25-27",
            "interface Priced 29-31",
            "method Priced.price 30-30",
            "extension Cart 33-37",
            "method Cart.price 34-36",
            "class Counter 39-41",
            "function main 43-45",
        ]
    );
    assert_eq!(
        outline("swift", "Cart.swift", SWIFT, limits(6, 2)),
        [
            "imports  1-1",
            "class Cart 3-6",
            "constructor Cart.init 7-9",
            "method Cart.deinit 11-13",
            "method Cart.add 15-17",
            "struct Item 20-23",
            "enum Color 25-27",
            "interface Priced 29-31",
            "extension Cart 33-37",
            "class Counter 39-41",
            "function main 43-45",
        ]
    );
    assert_eq!(
        outline("swift", "Cart.swift", SWIFT, small_sample()),
        [
            "imports  1-1",
            "class Cart 3-18",
            "struct, enum, interface, extension Item, Color, Priced, Cart 20-37",
            "class, function Counter, main 39-45",
        ]
    );
}

const SHELL: &str = r#"#!/usr/bin/env bash
set -euo pipefail

readonly OUT=build

# Prints how to call this script.
usage() {
  echo "usage: $0 [-v] target" >&2
  exit 2
}

function build {
  local target=$1
  mkdir -p "$OUT"
  make -C "$target" OUT="$OUT"
}

clean() (
  rm -rf "$OUT"
)

main() {
  [[ $# -ge 1 ]] || usage
  build "$1"
}

main "$@"
"#;

#[test]
fn shell_functions_both_syntaxes() {
    assert_eq!(
        declarations("shell", "build.sh", SHELL),
        [
            "function usage 6-10",
            "function build 12-16",
            "function clean 18-20",
            "function main 22-25",
        ]
    );
    assert_eq!(
        outline("shell", "build.sh", SHELL, limits(6, 2)),
        [
            "module  1-5",
            "function usage 6-10",
            "function build 12-16",
            "function clean 18-20",
            "function main 22-25",
            "module  26-27",
        ]
    );
    assert_eq!(
        outline("shell", "build.sh", SHELL, small_sample()),
        [
            "module  1-5",
            "function usage, build, clean 6-20",
            "function main 22-25",
            "module  26-27",
        ]
    );
}

const JSON: &str = r#"{
  "name": "shop",
  "version": "1.2.0",
  "scripts": {
    "build": "tsc -p .",
    "test": "vitest run"
  },
  "dependencies": {
    "left-pad": "^1.3.0",
    "nested": {
      "deep": true,
      "deeper": {
        "x": 1
      }
    }
  },
  "files": [
    "dist",
    "README.md"
  ]
}
"#;

#[test]
fn json_top_level_keys_and_nested_objects() {
    assert_eq!(
        declarations("json", "package.json", JSON),
        [
            "key name 2-2",
            "key version 3-3",
            "key scripts 4-7",
            "key scripts.build 5-5",
            "key scripts.test 6-6",
            "key dependencies 8-16",
            "key dependencies.left-pad 9-9",
            "key dependencies.nested 10-15",
            "key dependencies.nested.deep 11-11",
            "key dependencies.nested.deeper 12-14",
            "key dependencies.nested.deeper.x 13-13",
            "key files 17-20",
        ]
    );
    assert_eq!(
        outline("json", "package.json", JSON, limits(6, 2)),
        [
            "key name 2-2",
            "key version 3-3",
            "key scripts 4-7",
            "key dependencies 8-8",
            "key dependencies.left-pad 9-9",
            "key dependencies.nested 10-15",
            "key files 17-20",
        ]
    );
    assert_eq!(
        outline("json", "package.json", JSON, small_sample()),
        ["key name, version, scripts, dependencies 2-16", "key files 17-20",]
    );
}

const MARKDOWN: &str = r#"mvs-engine searches code by meaning.

# mvs-engine

A code-search engine over Lance.

## Install

```sh
# not a heading: inside a fence
mvn -q install
```

### Linux

Use the tarball.

## Usage ##

~~~
## also not a heading
~~~

    # indented code, not a heading

#hashtag is not a heading either

# License

Apache-2.0
"#;

#[test]
fn markdown_sections_by_heading_outside_fences() {
    assert_eq!(
        outline("markdown", "README.md", MARKDOWN, limits(6, 2)),
        [
            "module  1-1",
            "section mvs-engine 3-5",
            "section mvs-engine > Install 7-12",
            "section mvs-engine > Install > Linux 14-16",
            "section mvs-engine > Usage 18-23",
            "section mvs-engine > Usage 24-26",
            "section License 28-30",
        ]
    );
    assert_eq!(
        outline("markdown", "README.md", MARKDOWN, defaults()),
        [
            "module  1-1",
            "section mvs-engine 3-5",
            "section mvs-engine > Install 7-12",
            "section mvs-engine > Install > Linux 14-16",
            "section mvs-engine > Usage 18-26",
            "section License 28-30",
        ]
    );
    assert_covers_content_once("markdown", MARKDOWN, limits(6, 2));
    assert_covers_content_once("markdown", MARKDOWN, limits(2, 1));
}

const YAML: &str = r#"# CI for the engine.
name: ci

on:
  push:
    branches: [main]

# The jobs, one per platform.
# Linux first.
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: mvn -q verify
"quoted key": 1
---
# second document
apiVersion: v1
kind: ConfigMap
data:
  a: "1"
"#;

#[test]
fn yaml_top_level_keys_with_their_comments_per_document() {
    assert_eq!(
        outline("yaml", "ci.yaml", YAML, limits(6, 2)),
        [
            "key name 1-2",
            "key on 4-6",
            "key jobs 8-13",
            "key jobs 14-15",
            "key quoted key 16-16",
            "module  17-17",
            "key apiVersion 18-19",
            "key kind 20-20",
            "key data 21-22",
        ]
    );
    assert_eq!(
        outline("yaml", "ci.yaml", YAML, defaults()),
        [
            "key name 1-2",
            "key on 4-6",
            "key jobs 8-15",
            "key quoted key 16-16",
            "module  17-17",
            "key apiVersion 18-19",
            "key kind 20-20",
            "key data 21-22",
        ]
    );
    assert_covers_content_once("yaml", YAML, limits(6, 2));
    assert_covers_content_once("yaml", YAML, limits(2, 1));
}

const TOML: &str = r#"# The workspace manifest.
name = "shop"
version = "1.0"

[dependencies]
serde = "1"
tokio = { version = "1", features = ["rt"] }

# Test-only.
[dev-dependencies]
tempfile = "3"
matrix = [
  [1, 2],
  [3, 4]
]

[[bin]]
name = "shop"
doc = """
[not.a.table]
"""

[profile.release]
opt-level = 2
"#;

#[test]
fn toml_tables_and_the_keys_before_them() {
    assert_eq!(
        outline("toml", "Cargo.toml", TOML, limits(6, 2)),
        [
            "module  1-3",
            "table dependencies 5-7",
            "table dev-dependencies 9-14",
            "table dev-dependencies 15-15",
            "table bin 17-21",
            "table profile.release 23-24",
        ]
    );
    assert_eq!(
        outline("toml", "Cargo.toml", TOML, defaults()),
        [
            "module  1-3",
            "table dependencies 5-7",
            "table dev-dependencies 9-15",
            "table bin 17-21",
            "table profile.release 23-24",
        ]
    );
    assert_covers_content_once("toml", TOML, limits(6, 2));
    assert_covers_content_once("toml", TOML, limits(2, 1));
}

#[test]
fn line_split_formats_edge_cases() {
    assert_eq!(chunk("markdown", "a.md", b"", defaults()), Outcome::Chunked(Vec::new()));
    assert_eq!(outline("markdown", "a.md", "\n\n# Only\n\n", defaults()), ["section Only 3-3"]);
    // a fence never closed hides the rest; an empty heading is still a section
    assert_eq!(outline("markdown", "a.md", "# A\n```\n# B\n", defaults()), ["section A 1-3"]);
    assert_eq!(outline("markdown", "a.md", "#\ntext\n", defaults()), ["section  1-2"]);
    // a YAML document that is a list has no keys; a key with a URL value is one key
    assert_eq!(outline("yaml", "a.yaml", "- a\n- b\n", defaults()), ["module  1-2"]);
    assert_eq!(
        outline("yaml", "a.yaml", "url: http://x:8080\nb:\n  - 1\n", defaults()),
        ["key url 1-1", "key b 2-3"]
    );
    assert_eq!(outline("toml", "a.toml", "[a . b] # c\nx = 1\n", defaults()), ["table a.b 1-2"]);
    assert_eq!(
        chunk("toml", "a.toml", &[0xff, b'\n', b'['], defaults()),
        Outcome::Chunked(vec![Span {
            kind: "module".into(),
            symbol: String::new(),
            start: 0,
            end: 2
        }])
    );
}

/// Every prefix of every file above (cut at a line, as an editor's unsaved buffer is) chunks
/// without a panic, and no chunk is longer than the limit.
#[test]
fn truncated_files_never_panic() {
    let files = [
        ("kotlin", "Cart.kt", KOTLIN),
        ("scala", "Cart.scala", SCALA),
        ("c", "buffer.c", C),
        ("c", "buffer.h", C_HEADER),
        ("cpp", "cart.cpp", CPP),
        ("cpp", "legacy.cpp", CPP_EXTERN_C),
        ("csharp", "Cart.cs", CSHARP),
        ("csharp", "Extensions.cs", CSHARP_FILE_SCOPED),
        ("ruby", "cart.rb", RUBY),
        ("php", "Cart.php", PHP),
        ("swift", "Cart.swift", SWIFT),
        ("shell", "build.sh", SHELL),
        ("json", "package.json", JSON),
        ("markdown", "README.md", MARKDOWN),
        ("yaml", "ci.yaml", YAML),
        ("toml", "Cargo.toml", TOML),
    ];
    for (language, path, text) in files {
        let mut cut = 0;
        while let Some(newline) = text[cut..].find('\n') {
            cut += newline + 1;
            if let Outcome::Chunked(spans) = chunk(language, path, &text.as_bytes()[..cut], limits(3, 1)) {
                assert!(spans.iter().all(|s| s.end - s.start <= 3), "{language} cut at {cut}");
            }
        }
    }
}

const JAVA: &str = r#"package shop;

/** A cart. */
public class Cart {
    private final List<Item> items = new ArrayList<>();

    public Cart(String owner) throws IOException {
        if (owner == null) { throw new IOException("no owner"); }
    }

    /** Adds one. */
    public <T extends Item> void add(T item) {
        items.add(item);
        Runnable r = () -> { System.out.println("}"); };
    }

    static final class Entry {
        int size() { return '}' == 'x' ? 1 : 2; }
    }
}
"#;

const PYTHON: &str = r#"import os


class Cart:
    """A cart."""

    def __init__(self, owner):
        """Makes one."""
        self.owner = owner
        if not owner:
            raise ValueError("no owner")

    async def total(self):
        return sum(
            i.price for i in self.items
        )


def main():
    print(Cart("me"))
"#;

/// The skim skips function bodies without losing a declaration: the skimmed parse has no errors
/// (so the full parse is not redone) and finds the declarations a full parse finds, on their rows.
#[test]
fn skimmed_parses_find_every_declaration() {
    let cases = [
        ("java", "Cart.java", JAVA),
        ("python", "cart.py", PYTHON),
        ("python", "fetch.py", PYTHON_BLOCKS),
        ("python", "literals.py", PYTHON_LITERALS),
        ("kotlin", "Cart.kt", KOTLIN),
        ("scala", "Cart.scala", SCALA),
        ("c", "buffer.c", C),
        ("cpp", "cart.cpp", CPP),
        ("csharp", "Cart.cs", CSHARP),
        ("swift", "Cart.swift", SWIFT),
        ("rust", "cart.rs", RUST_DOCS),
        ("rust", "store.rs", RUST_SIGNATURES),
        ("go", "store.go", GO_SIGNATURES),
        ("python", "codes.py", PYTHON_DATA),
    ];
    for (language, path, text) in cases {
        let rules = rules_for(language).expect("a registered language");
        let skim = rules.skimmer().skim(text.as_bytes());
        assert!(!skim.excluded.is_empty(), "{language}: nothing skipped");
        let lines = Lines::of(text.as_bytes());
        let mut parser = Parser::new();
        parser.set_language(&rules.grammar(path)).expect("a grammar");
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        let parsed = parse(&mut parser, text.as_bytes(), &lines, &skim.excluded, deadline).expect("a parse");
        assert!(!parsed.root_node().has_error(), "{language}: the skimmed parse has errors");
        let tree = SyntaxTree::new(rules, text.as_bytes(), lines.len()).with_body_ends(&skim.body_ends);
        let file = File {
            tree: &tree,
            lines: &lines,
            limits: defaults(),
            cuts: &skim.cuts,
        };
        let mut skimmed = Vec::new();
        let root = parsed.root_node();
        list_decls(
            &file,
            with_imports(file.collect(root, &Scope::top()), &skim.imports, root),
            &mut skimmed,
        );
        assert_eq!(skimmed, declarations(language, path, text), "{language}");
    }
}

/// The text of each byte range the skim of `text` leaves out of the parse, in order.
fn skipped<'a>(language: &str, text: &'a str) -> Vec<&'a str> {
    let skim = rules_for(language).expect("a registered language").skimmer().skim(text.as_bytes());
    skim.excluded.iter().map(|&(s, e)| &text[s..e]).collect()
}

/// Comments outside bodies are skimmed to their markers (`/*`, `/**`, `//`, `///` and `*/`): the
/// parser does not lex their words, yet finds comments on the same rows, so a doc comment still
/// leads its declaration. Short comments are left whole.
#[test]
fn comments_outside_bodies_are_skimmed_to_their_markers() {
    let text = "/*\n * Copyright and license: the usual long header.\n */\npackage p;\n\n/**\n * A cart holds items; a doc comment.\n */\npublic class Cart {\n    // a line comment long enough to skip\n    int size; // short\n\n    /// Rust-style, long enough to skip too\n    void f() {\n        // inside a body\n    }\n}\n";
    assert_eq!(
        skipped("java", text),
        [
            "\n * Copyright and license: the usual long header.\n ",
            "package p;",
            "\n * A cart holds items; a doc comment.\n ",
            " a line comment long enough to skip",
            " Rust-style, long enough to skip too",
            "\n        // inside a body\n    ",
        ]
    );
    assert_eq!(
        outline("java", "Cart.java", text, limits(10, 1)),
        ["module  1-3", "imports  4-4", "class Cart 6-12", "method Cart.f 13-16"]
    );
}

/// Python's skim leaves the words of comments and docstrings outside `def` bodies to the parser as
/// their markers only (`#`, `"""` and `"""`); the docstring of a function is its first statement,
/// which the parser sees, and keeps its rows.
#[test]
fn python_comments_and_docstrings_are_skimmed_to_their_markers() {
    let text = "\"\"\"Module docs: what this module is for.\"\"\"\n# a comment long enough to skip\nimport os\n\n\nclass Cart:\n    '''Holds the items of one order.'''\n\n    def total(self):\n        \"\"\"The sum of the prices.\n\n        Long enough.\"\"\"\n        # inside the body\n        return sum(self.items)\n";
    assert_eq!(
        skipped("python", text),
        [
            "Module docs: what this module is for.",
            " a comment long enough to skip",
            "Holds the items of one order.",
            "The sum of the prices.\n\n        Long enough.",
            "\n        # inside the body\n        return sum(self.items)",
        ]
    );
    assert_eq!(
        outline("python", "cart.py", text, limits(8, 1)),
        ["module  1-2", "imports  3-3", "class Cart 6-8", "method Cart.total 9-14"]
    );
}

/// Long string literals outside bodies (messages, tables) are skimmed to their quotes, f-strings too.
const PYTHON_LITERALS: &str = "WELCOME = f'Hello {name}, welcome to the shop'\nSHORT = 'ab'\nTABLE = {\"key\": \"a value long enough to skip\", 'k': 'it\\'s escaped, and long'}\n\n\ndef greet(name):\n    return WELCOME\n";

#[test]
fn python_long_string_literals_are_skimmed_to_their_quotes() {
    assert_eq!(
        skipped("python", PYTHON_LITERALS),
        [
            "Hello {name}, welcome to the shop",
            "a value long enough to skip",
            "it\\'s escaped, and long"
        ]
    );
}

/// Python bodies that open with a compound statement (half of the stdlib's functions start with an
/// `if` or a `for`): the parser reads down to the first simple statement under it.
const PYTHON_BLOCKS: &str = r#"def fetch(items, retries=3):
    # a comment before the first statement
    if items is None:
        for attempt in range(retries):
            return []
        return None
    return list(items)


class Cache:
    def get(self, key):
        try:
            return self.data[key]
        except KeyError:
            return None

    def put(self, key, value):
        with self.lock:
            self.data[key] = value
            self.size += 1


def cached(func):
    @functools.wraps(func)
    def wrapper(*args):
        return func(*args)
    return wrapper
"#;

/// A body whose first statement is a block is cut after the first simple statement under it; one
/// that starts with `try:` is parsed whole (a `try` needs its `except`).
#[test]
fn python_bodies_opening_with_a_block_are_skimmed_after_its_first_simple_statement() {
    assert_eq!(
        skipped("python", PYTHON_BLOCKS),
        [
            " a comment before the first statement",
            "\n        return None\n    return list(items)",
            "\n            self.size += 1",
            "\n    return wrapper",
        ]
    );
    assert_eq!(
        outline("python", "fetch.py", PYTHON_BLOCKS, limits(8, 1)),
        [
            "function fetch 1-7",
            "class Cache 10-10",
            "method Cache.get 11-15",
            "method Cache.put 17-20",
            "function cached 23-27"
        ]
    );
}

/// A run of package and import statements is one "imports" chunk: comments between them belong to
/// it, the comment above them (a license, a package doc) stays the module's, and it is never merged
/// with the small declarations after it.
#[test]
fn package_and_imports_are_one_chunk_of_their_own() {
    let go = "// Package cart keeps the items of an order.\npackage cart\n\nimport (\n\t\"fmt\"\n\t\"strings\"\n)\n\n// os for the environment\nimport \"os\"\n\nfunc Name() string { return os.Getenv(\"CART\") }\n\nfunc Size() int { return 0 }\n";
    assert_eq!(
        outline("go", "cart.go", go, defaults()),
        ["module  1-1", "imports  2-10", "function Name, Size 12-14"]
    );
    let python = "\"\"\"Carts.\"\"\"\nfrom __future__ import annotations\nimport os\nfrom typing import (\n    List,\n)\n\nLIMIT = 3\n\nimport sys\n";
    assert_eq!(
        outline("python", "cart.py", python, defaults()),
        ["module  1-1", "imports  2-6", "module  7-9", "imports  10-10"]
    );
}

/// Top-level package and import statements are left out of the parse, and the skim gives their
/// rows: Rust use trees (comments inside), `pub use`, `pub(crate) use` and `extern crate` after
/// inner attributes; Go's package clause and import block. A Scala package with a block is read.
#[test]
fn top_level_imports_are_skimmed_out_of_the_parse() {
    let rust = "#![allow(dead_code)]\n//! The crate.\nuse std::{\n    fmt, // formatting\n    io,\n};\npub use crate::a::B;\npub(crate) use c::D;\nextern crate e;\n\npub struct S;\n\npub fn f() {}\n";
    assert_eq!(
        skipped("rust", rust),
        ["use std::{\n    fmt, // formatting\n    io,\n};\npub use crate::a::B;\npub(crate) use c::D;\nextern crate e;"]
    );
    assert_eq!(
        outline("rust", "lib.rs", rust, defaults()),
        ["module  1-2", "imports  3-9", "struct, function S, f 11-13"]
    );
    let go = "package main\n\nimport (\n\t\"fmt\"\n)\n\nfunc main() { fmt.Println() }\n";
    assert_eq!(skipped("go", go), ["package main\n\nimport (\n\t\"fmt\"\n)", " fmt.Println() "]);
    assert_eq!(outline("go", "main.go", go, defaults()), ["imports  1-5", "function main 7-7"]);
    let scala = "package shop {\n  class Cart {\n    def size: Int = 0\n  }\n}\n";
    assert_eq!(skipped("scala", scala), Vec::<&str>::new());
    assert_eq!(
        outline("scala", "Cart.scala", scala, limits(3, 1)),
        ["namespace shop 1-1", "class shop.Cart 2-4"]
    );
}

/// Rust as documented crates are: `//!` and `///` blocks of several lines, attributes, a plain
/// comment block; each block is one comment for the parser and still leads its declaration.
const RUST_DOCS: &str = r#"//! A cart of items: what a shop order holds
//! before it is paid.

use std::fmt;

/// One line of a cart: an item and how many
/// of it, with the price paid for each.
#[derive(Debug, Clone)]
pub struct Line {
    /// What was bought, by its catalogue name.
    pub item: String,
    pub count: u32,
}

// Not documented on purpose: the comment is
// for whoever reads the code, not the API.
impl Line {
    /// The price of the whole line, in cents,
    /// before any discount is applied.
    pub fn total(&self, each: u64) -> u64 {
        each * u64::from(self.count)
    }
}

impl fmt::Display for Line {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} x {}", self.count, self.item)
    }
}
"#;

/// In Rust a block of `///` lines is one excluded range from after the first marker to the last
/// line's end; plain `//` lines stay one range each (their token would end at the marker).
#[test]
fn line_comment_blocks_are_one_comment_for_the_parser() {
    let text = "/// One line of a cart: an item and how many\n/// of it, with the price paid.\n// a plain note that is long enough\n// and a second line of it\nstruct Line;\n";
    assert_eq!(
        skipped("rust", text),
        [
            " One line of a cart: an item and how many\n/// of it, with the price paid.",
            " a plain note that is long enough",
            " and a second line of it"
        ]
    );
    assert_eq!(
        outline("rust", "lib.rs", RUST_DOCS, limits(12, 1)),
        [
            "module  1-3",
            "imports  4-4",
            "struct Line 6-13",
            "impl Line 15-23",
            "impl Line 25-29"
        ]
    );
}

const RUST_SIGNATURES: &str = r#"pub trait Store {
    /// Reads the rows of one fragment, at most `limit` of them.
    fn read(&self, fragment: u64, limit: Option<usize>) -> Result<Vec<Row>, StoreError>;
}

impl<S: Store + Send> Cache<S> {
    pub async fn rows<'a, F: Fn(&Row) -> bool>(
        &'a self,
        fragment: u64, // which one
        keep: F,
    ) -> Result<Vec<&'a Row>, StoreError>
    where
        S: Sync,
    {
        self.store.read(fragment, None)
    }
}
"#;

const GO_SIGNATURES: &str = r#"package store

func now() int64

type Cache struct {
	rows map[string][]byte
}

var names = map[string]string{
	"a": `C:\`,
	"b": "long enough to matter",
}

var (
	sizes  = []int{1, 2, 3, 4, 5, 6, 7, 8, 9}
	labels = []string{"small", "medium", "large"}
)

// Rows reads the rows of one fragment, at most limit of them.
func (c *Cache) Rows(fragment uint64, limit int) (rows [][]byte, err error) {
	return nil, nil
}

func Keys[K comparable, V any](m map[K]V) map[K]struct{} {
	return nil
}
"#;

/// Rust and Go signatures are left out of the parse after the parameter list's `(` (a trait's
/// `fn f(…);` too), and Go's `var` data between its braces; what the parser sees still holds
/// every declaration (`skimmed_parses_find_every_declaration`). A Go header with braces in a type
/// (`map[K]struct{}`) is left whole, and so is that function's body: the skim cannot tell them apart.
#[test]
fn signatures_and_data_are_skimmed_out_of_the_parse() {
    assert_eq!(
        skipped("rust", RUST_SIGNATURES),
        [
            " Reads the rows of one fragment, at most `limit` of them.",
            "&self, fragment: u64, limit: Option<usize>",
            " -> Result<Vec<Row>, StoreError>",
            "\n        &'a self,\n        fragment: u64, // which one\n        keep: F,\n    ",
            " -> Result<Vec<&'a Row>, StoreError>\n    where\n        S: Sync,\n    ",
            "\n        self.store.read(fragment, None)\n    ",
        ]
    );
    assert_eq!(
        outline("rust", "store.rs", RUST_SIGNATURES, limits(3, 1)),
        [
            "trait Store 1-2",
            "trait Store 3-4",
            "impl Cache 6-6",
            "method Cache.rows 7-9",
            "method Cache.rows 10-12",
            "method Cache.rows 13-15",
            "method Cache.rows 16-16"
        ]
    );
    assert_eq!(
        skipped("go", GO_SIGNATURES),
        [
            "package store",
            "\n\t\"a\": `C:\\`,\n\t\"b\": \"long enough to matter\",\n",
            "1, 2, 3, 4, 5, 6, 7, 8, 9",
            "\"small\", \"medium\", \"large\"",
            " Rows reads the rows of one fragment, at most limit of them.",
            "fragment uint64, limit int",
            " (rows [][]byte, err error) ",
            "\n\treturn nil, nil\n",
        ]
    );
    assert_eq!(
        outline("go", "store.go", GO_SIGNATURES, limits(4, 1)),
        [
            "imports  1-1",
            "function now 3-3",
            "struct Cache 5-7",
            "module  8-11",
            "module  12-15",
            "module  16-18",
            "method Cache.Rows 19-22",
            "function Keys 24-26"
        ]
    );
}

const PYTHON_DATA: &str = r#"from http import (
    HTTPStatus,
)
from typing import Dict

CODES: Dict[
    str, int
] = {
    "ok": 200,
    "not found": 404,
}

setup(
    name="codes",
    version="1.0",
)
Handler = Callable[
    [int], None
]


class Status:
    names = [
        "continue", "switching",
        "processing",
    ]

    def label(self, code):
        return CODES.get(code)
"#;

/// Python data left unread: the inside of a bracket that spans rows after an `=` or a call's name
/// (the parser reads `CODES: Dict[...] = {}`, `setup()`), with a cut after each element's row; not
/// a subscript's (`Dict[`, `Callable[`) nor an import's, which need their inside.
#[test]
fn python_data_is_skimmed_out_of_the_parse() {
    assert_eq!(
        skipped("python", PYTHON_DATA),
        [
            "\n    \"ok\": 200,\n    \"not found\": 404,\n",
            "\n    name=\"codes\",\n    version=\"1.0\",\n",
            "\n        \"continue\", \"switching\",\n        \"processing\",\n    ",
        ]
    );
    let skim = rules_for("python").expect("python").skimmer().skim(PYTHON_DATA.as_bytes());
    assert_eq!(skim.cuts, [(8, 0), (9, 0), (13, 0), (14, 0), (23, 0), (24, 0)]);
    assert_eq!(
        outline("python", "codes.py", PYTHON_DATA, limits(4, 1)),
        [
            "imports  1-4",
            "module  5-8",
            "module  9-10",
            "module  11-14",
            "module  15-18",
            "module  19-21",
            "class Status 22-25",
            "class Status 26-27",
            "method Status.label 28-29"
        ]
    );
}
