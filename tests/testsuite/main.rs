//! Whole-build tests: each module owns a fixture folder under
//! `tests/fixtures/`, copies it to a temporary folder, runs the real
//! `portal` binary and asserts on what it wrote.

mod harness;
mod incremental;
mod links;

mod accessibility;
mod admin;
mod build_output;
mod cause_first;
mod charts;
mod dashboard;
mod data_sources;
mod demonstration_data;
mod deploy;
mod diagnostics;
mod example_site;
mod feeds;
mod first_hour;
mod golden;
mod hostile_input;
mod languages;
mod legal_pages;
mod news_pager;
mod open_data;
mod paged_lists;
mod readme;
mod reproducible;
mod robustness;
mod search_index;
mod serve;
mod services_a_z;
mod structured_data;
mod themes;
