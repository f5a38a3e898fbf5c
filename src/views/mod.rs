//! Pages as maud functions returning `Markup`. `layout` and `components` hold the pieces every
//! page uses; the other modules mirror the web routes.

pub mod accounts;
pub mod ballots;
pub mod comments;
pub mod components;
pub mod council;
pub mod errors;
pub mod home;
pub mod identity;
pub mod layout;
pub mod mail;
pub mod map;
pub mod places;
pub mod proposals;
pub mod review;
pub mod rounds;
pub mod simulate;
pub mod staff;
pub mod statistics;
pub mod translations;
