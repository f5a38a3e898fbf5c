//! Proposal pictures: only JPEG, PNG and WebP are taken, and each is decoded and encoded
//! again before it is stored, so nothing but the pixels survives — no EXIF block with the GPS
//! position where a phone took the photo, no camera serial number, no comments.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

/// The largest picture accepted; anything bigger is refused before it is read to the end.
pub const MAX_IMAGE_BYTES: usize = 5 * 1024 * 1024;
/// Larger sides are refused: a small file can claim a huge canvas (a decompression bomb).
const MAX_SIDE: u32 = 10_000;
const JPEG_QUALITY: u8 = 85;

/// The picture's type from its first bytes (the name and the browser's claim are ignored).
pub fn sniff_image(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xD8, 0xFF, ..] => Some("image/jpeg"),
        [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Some("image/png"),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some("image/webp"),
        _ => None,
    }
}

/// Why a picture was not taken.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    NotAPicture,
    Unreadable,
}

/// The picture with only its pixels, turned upright as its EXIF orientation said:
/// (content type, bytes). PNG stays PNG; JPEG stays JPEG; WebP becomes JPEG, or PNG when it
/// has transparency.
pub fn clean(bytes: &[u8]) -> Result<(&'static str, Vec<u8>), Refused> {
    let format = match sniff_image(bytes).ok_or(Refused::NotAPicture)? {
        "image/png" => ImageFormat::Png,
        "image/webp" => ImageFormat::WebP,
        _ => ImageFormat::Jpeg,
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| Refused::Unreadable)?;
    let orientation = decoder.orientation().map_err(|_| Refused::Unreadable)?;
    let mut picture = DynamicImage::from_decoder(decoder).map_err(|_| Refused::Unreadable)?;
    picture.apply_orientation(orientation);
    let keep_png =
        format == ImageFormat::Png || (format == ImageFormat::WebP && picture.color().has_alpha());
    let mut out = Cursor::new(Vec::new());
    if keep_png {
        picture
            .write_to(&mut out, ImageFormat::Png)
            .map_err(|_| Refused::Unreadable)?;
        Ok(("image/png", out.into_inner()))
    } else {
        let rgb = DynamicImage::ImageRgb8(picture.to_rgb8());
        let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY);
        rgb.write_with_encoder(encoder)
            .map_err(|_| Refused::Unreadable)?;
        Ok(("image/jpeg", out.into_inner()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_refused_and_pictures_keep_their_pixels() {
        assert_eq!(clean(b"hello"), Err(Refused::NotAPicture));
        assert_eq!(
            clean(&[0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]),
            Err(Refused::Unreadable)
        );
        let mut png = Cursor::new(Vec::new());
        DynamicImage::ImageRgb8(image::RgbImage::from_pixel(3, 2, image::Rgb([10, 200, 30])))
            .write_to(&mut png, ImageFormat::Png)
            .unwrap();
        let (kind, cleaned) = clean(png.get_ref()).unwrap();
        assert_eq!(kind, "image/png");
        let back = image::load_from_memory(&cleaned).unwrap().to_rgb8();
        assert_eq!(back.dimensions(), (3, 2));
        assert_eq!(back.get_pixel(2, 1), &image::Rgb([10, 200, 30]));
    }
}
