//! `budgetbox area`: where the city is — its bounding box, each district's boundary and the
//! named places residents may pick instead of a point on a map.

use std::path::PathBuf;

use clap::Subcommand;

use super::{domain_failure, in_file, read_input, Failure, Target};
use crate::domain::place::{self, Point};

#[derive(Subcommand, Debug)]
pub(super) enum AreaCommand {
    /// Set the city's bounding box from its south-west and north-east corners, each
    /// "latitude,longitude"
    Box {
        #[arg(long, allow_hyphen_values = true)]
        south_west: String,
        #[arg(long, allow_hyphen_values = true)]
        north_east: String,
    },
    /// Set a district's boundary from a GeoJSON file (a Polygon or MultiPolygon, or a Feature
    /// or FeatureCollection of them); points proposed for it must lie inside
    District {
        /// The district's slug
        slug: String,
        /// The GeoJSON file
        #[arg(required_unless_present = "remove")]
        file: Option<PathBuf>,
        /// Remove the boundary instead
        #[arg(long, conflicts_with = "file")]
        remove: bool,
    },
    /// Replace the named places with a CSV file (district,name,latitude,longitude; district
    /// by slug, empty for the whole city); all or nothing
    Places { file: PathBuf },
    /// Print what is set
    Show,
}

fn corner(flag: &str, text: &str) -> Result<Point, Failure> {
    Point::parse(text).ok_or_else(|| {
        Failure::input(format!(
            "--{flag} `{text}`: give latitude,longitude in degrees, e.g. 52.22,20.98"
        ))
    })
}

pub(super) fn area(target: &Target<'_>, command: AreaCommand) -> Result<(), Failure> {
    let (_, mut conn) = target.open()?;
    match command {
        AreaCommand::Box {
            south_west,
            north_east,
        } => {
            let (sw, ne) = (
                corner("south-west", &south_west)?,
                corner("north-east", &north_east)?,
            );
            place::set_bounding_box(&mut conn, sw, ne).map_err(domain_failure)?;
            println!("the city's bounding box is {sw} to {ne}");
        }
        AreaCommand::District { slug, file, remove } => {
            let text = match (&file, remove) {
                (Some(file), false) => Some(read_input(file)?),
                _ => None,
            };
            let result = place::set_boundary(&mut conn, &slug, text.as_deref());
            match &file {
                Some(file) => result.map_err(in_file(file))?,
                None => result.map_err(domain_failure)?,
            }
            match text {
                Some(_) => println!("district {slug} has its boundary"),
                None => println!("district {slug} has no boundary"),
            }
        }
        AreaCommand::Places { file } => {
            let text = read_input(&file)?;
            let count = place::import_named_places(&mut conn, &text).map_err(in_file(&file))?;
            println!("{count} named places");
        }
        AreaCommand::Show => {
            let area = place::CityArea::load(&mut conn).map_err(domain_failure)?;
            match area.bounding_box {
                Some((sw, ne)) => println!("bounding box: {sw} to {ne}"),
                None => println!("bounding box: none"),
            }
            println!("districts with a boundary: {}", area.districts.len());
            let places = place::named_places(&mut conn).map_err(domain_failure)?;
            println!("named places: {}", places.len());
        }
    }
    Ok(())
}
