//! GeoTIFF DEMs: single-band `int16` or `float32` rasters, georeferenced by the GeoTIFF tags
//! ModelPixelScale + ModelTiepoint (or a ModelTransformation without rotation) and a coordinate
//! system from the GeoKey directory. Supported: geographic WGS84 (EPSG:4326) and WGS84 UTM zones
//! (EPSG:32601–32660, 32701–32760). Pixels are decoded with the `tiff` crate; the GeoKeys are
//! read by the small reader below.
//!
//! Source: OGC GeoTIFF Standard 1.1 (OGC 19-008r4, 2019): §7.1 GeoKeyDirectoryTag layout,
//! §7.4 raster-to-model transformation (tiepoint, pixel scale), Annex B keys
//! GTModelTypeGeoKey (1024), GTRasterTypeGeoKey (1025), GeodeticCRSGeoKey (2048),
//! ProjectedCRSGeoKey (3072). No-data: GDAL's `GDAL_NODATA` ASCII tag (42113).
use super::raster::{Cells, Crs, GridGeometry, Raster};
use super::VoidPolicy;
use crate::geodesy::UtmZone;
use crate::{Error, Result};
use std::fs::File;
use std::io::{BufReader, BufWriter};
use std::path::Path;
use tiff::decoder::{Decoder, DecodingResult};
use tiff::tags::Tag;

const KEY_MODEL_TYPE: u16 = 1024;
const KEY_RASTER_TYPE: u16 = 1025;
const KEY_GEOGRAPHIC_TYPE: u16 = 2048;
const KEY_GEOG_ANGULAR_UNITS: u16 = 2054;
const KEY_PROJECTED_TYPE: u16 = 3072;
const KEY_PROJ_LINEAR_UNITS: u16 = 3076;
const MODEL_PROJECTED: u16 = 1;
const MODEL_GEOGRAPHIC: u16 = 2;
const RASTER_PIXEL_IS_AREA: u16 = 1;
const RASTER_PIXEL_IS_POINT: u16 = 2;
const EPSG_WGS84: u16 = 4326;

/// Sample type of a written GeoTIFF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GeoTiffSample {
    /// Signed 16-bit metres, void −32768 (declared in `GDAL_NODATA`).
    Int16,
    /// 32-bit float metres, void NaN.
    Float32,
}

/// The GeoKeys we use: key id → SHORT value (keys stored in GeoDoubleParams/Ascii are skipped).
fn read_geokeys(dir: &[u16]) -> std::result::Result<Vec<(u16, u16)>, String> {
    if dir.len() < 4 {
        return Err("GeoKeyDirectoryTag shorter than its 4-value header".to_owned());
    }
    let n = usize::from(dir[3]);
    if dir.len() < 4 + 4 * n {
        return Err(format!("GeoKeyDirectoryTag declares {n} keys but holds {} values", dir.len()));
    }
    Ok(dir[4..4 + 4 * n]
        .chunks_exact(4)
        .filter(|k| k[1] == 0 && k[2] == 1) // location 0: the value is the SHORT itself
        .map(|k| (k[0], k[3]))
        .collect())
}

type TiffReader = Decoder<BufReader<File>>;

/// The grid of a GeoTIFF DEM, read from its tags only (the mosaic indexes files with this).
pub(crate) fn read_geotiff_grid(path: &Path) -> Result<GridGeometry> {
    open(path).map(|(_, grid, _)| grid)
}

/// Opens a GeoTIFF and reads its georeferencing and no-data value.
fn open(path: &Path) -> Result<(TiffReader, GridGeometry, Option<f64>)> {
    let file_err = |message: String| Error::File { path: path.to_owned(), message };
    let tiff_err = |e: tiff::TiffError| file_err(format!("not a readable TIFF: {e}"));
    let file = File::open(path).map_err(|e| file_err(format!("cannot open: {e}")))?;
    let mut dec = Decoder::new(BufReader::new(file)).map_err(tiff_err)?;
    let (width, height) = dec.dimensions().map_err(tiff_err)?;
    match dec.colortype().map_err(tiff_err)? {
        tiff::ColorType::Gray(16 | 32) => {}
        other => {
            return Err(file_err(format!(
                "pixel type {other:?}: a DEM must be a single band of int16 or float32"
            )))
        }
    }
    let geokeys = dec
        .find_tag(Tag::GeoKeyDirectoryTag)
        .map_err(tiff_err)?
        .ok_or_else(|| {
            file_err("no GeoKeyDirectoryTag: not a GeoTIFF (the coordinate system is unknown)".into())
        })?
        .into_u16_vec()
        .map_err(tiff_err)?;
    let keys = read_geokeys(&geokeys).map_err(file_err)?;
    let key = |id: u16| keys.iter().find(|k| k.0 == id).map(|k| k.1);
    let crs = match key(KEY_MODEL_TYPE) {
        Some(MODEL_GEOGRAPHIC) => match key(KEY_GEOGRAPHIC_TYPE) {
            Some(EPSG_WGS84) => Crs::Geographic,
            other => {
                return Err(file_err(format!(
                    "geographic CRS {}: only WGS84 (EPSG:4326) is supported",
                    other.map_or("unspecified".to_owned(), |c| format!("EPSG:{c}"))
                )))
            }
        },
        Some(MODEL_PROJECTED) => {
            let code = key(KEY_PROJECTED_TYPE).unwrap_or(0);
            Crs::Utm(UtmZone::from_epsg(code).ok_or_else(|| {
                file_err(format!(
                    "projected CRS EPSG:{code}: only WGS84 UTM zones (EPSG:32601-32660, 32701-32760) are supported"
                ))
            })?)
        }
        other => {
            return Err(file_err(format!(
                "GTModelTypeGeoKey = {other:?}: expected 1 (projected, UTM) or 2 (geographic, EPSG:4326)"
            )))
        }
    };
    // Raster space → model space (GeoTIFF §7.4). PixelIsArea: raster point (i, j) is the
    // corner of pixel (i, j), so the pixel centre is at i + 0.5. PixelIsPoint: at i.
    let centre_offset = match key(KEY_RASTER_TYPE).unwrap_or(RASTER_PIXEL_IS_AREA) {
        RASTER_PIXEL_IS_POINT => 0.0,
        _ => 0.5,
    };
    let f64s = |dec: &mut TiffReader, tag: Tag| -> Result<Option<Vec<f64>>> {
        dec.find_tag(tag).map_err(tiff_err)?.map(|v| v.into_f64_vec().map_err(tiff_err)).transpose()
    };
    let scale = f64s(&mut dec, Tag::ModelPixelScaleTag)?;
    let tie = f64s(&mut dec, Tag::ModelTiepointTag)?;
    let transform = f64s(&mut dec, Tag::ModelTransformationTag)?;
    let (x0, y0, dx, dy) = match (scale, tie, transform) {
        (Some(s), Some(t), _) if s.len() >= 2 && t.len() >= 6 => {
            let (dx, dy) = (s[0], s[1]);
            (t[3] + (centre_offset - t[0]) * dx, t[4] - (centre_offset - t[1]) * dy, dx, dy)
        }
        (_, _, Some(m)) if m.len() >= 16 => {
            if m[1] != 0.0 || m[4] != 0.0 {
                return Err(file_err("rotated or sheared ModelTransformation is not supported".into()));
            }
            // x = m0·i + m3, y = m5·j + m7 with m5 < 0 for north-up rasters.
            (m[3] + centre_offset * m[0], m[7] + centre_offset * m[5], m[0], -m[5])
        }
        _ => {
            return Err(file_err(
                "no georeferencing: need ModelPixelScaleTag + ModelTiepointTag or ModelTransformationTag"
                    .into(),
            ))
        }
    };
    let nodata: Option<f64> = dec
        .find_tag(Tag::GdalNodata)
        .map_err(tiff_err)?
        .and_then(|v| v.into_string().ok())
        .and_then(|s| s.trim().trim_end_matches('\0').parse::<f64>().ok());
    let grid = GridGeometry { crs, x0, y0, dx, dy, ncols: width as usize, nrows: height as usize };
    grid.check(path)?;
    Ok((dec, grid, nodata))
}

/// Reads a single-band `int16`/`float32` GeoTIFF DEM. Voids (the `GDAL_NODATA` value, or NaN)
/// are handled by `voids`.
pub fn read_geotiff(path: &Path, voids: VoidPolicy) -> Result<Raster> {
    let (mut dec, grid, nodata) = open(path)?;
    let file_err = |message: String| Error::File { path: path.to_owned(), message };
    let image = dec
        .read_image()
        .map_err(|e| file_err(format!("cannot decode the raster (truncated or corrupt?): {e}")))?;
    let cells = match image {
        DecodingResult::I16(mut v) => {
            if let Some(nd) = nodata.filter(|nd| nd.fract() == 0.0 && (-32768.0..=32767.0).contains(nd)) {
                let nd = nd as i16;
                v.iter_mut().filter(|h| **h == nd).for_each(|h| *h = i16::MIN);
            }
            Cells::I16(v)
        }
        DecodingResult::F32(mut v) => {
            if let Some(nd) = nodata.filter(|nd| !nd.is_nan()) {
                v.iter_mut().filter(|h| f64::from(**h) == nd).for_each(|h| *h = f32::NAN);
            }
            Cells::F32(v)
        }
        _ => return Err(file_err("sample format is not int16 or float32".into())),
    };
    Raster::new(path, grid, cells, voids)
}

/// Writes heights (row-major from the north-west cell, NaN = void) as a deflate-compressed
/// GeoTIFF on `grid` (PixelIsArea, north-up).
pub fn write_geotiff(
    path: &Path,
    grid: &GridGeometry,
    heights_m: &[f64],
    sample: GeoTiffSample,
) -> Result<()> {
    let file_err = |message: String| Error::File { path: path.to_owned(), message };
    grid.check(path)?;
    if heights_m.len() != grid.ncols * grid.nrows {
        return Err(file_err(format!(
            "{} heights for a {}x{} grid",
            heights_m.len(),
            grid.ncols,
            grid.nrows
        )));
    }
    let (w, h) = (
        u32::try_from(grid.ncols).map_err(|_| file_err("too many columns".into()))?,
        u32::try_from(grid.nrows).map_err(|_| file_err("too many rows".into()))?,
    );
    let file = File::create(path).map_err(|e| file_err(format!("cannot create: {e}")))?;
    let werr = |e: tiff::TiffError| file_err(format!("cannot write GeoTIFF: {e}"));
    let mut enc = tiff::encoder::TiffEncoder::new(BufWriter::new(file))
        .map_err(werr)?
        .with_compression(tiff::encoder::Compression::Deflate(tiff::encoder::DeflateLevel::Balanced));
    let keys: Vec<u16> = match grid.crs {
        Crs::Geographic => vec![
            1,
            1,
            0,
            4, //
            KEY_MODEL_TYPE,
            0,
            1,
            MODEL_GEOGRAPHIC, //
            KEY_RASTER_TYPE,
            0,
            1,
            RASTER_PIXEL_IS_AREA, //
            KEY_GEOGRAPHIC_TYPE,
            0,
            1,
            EPSG_WGS84, //
            KEY_GEOG_ANGULAR_UNITS,
            0,
            1,
            9102, // degree
        ],
        Crs::Utm(z) => vec![
            1,
            1,
            0,
            4, //
            KEY_MODEL_TYPE,
            0,
            1,
            MODEL_PROJECTED, //
            KEY_RASTER_TYPE,
            0,
            1,
            RASTER_PIXEL_IS_AREA, //
            KEY_PROJECTED_TYPE,
            0,
            1,
            z.epsg(), //
            KEY_PROJ_LINEAR_UNITS,
            0,
            1,
            9001, // metre
        ],
    };
    // Tiepoint: raster corner (0, 0) ↔ model corner of the north-west cell.
    let tie = [0.0, 0.0, 0.0, grid.x0 - 0.5 * grid.dx, grid.y0 + 0.5 * grid.dy, 0.0];
    let scale = [grid.dx, grid.dy, 0.0];
    macro_rules! write_image {
        ($color:ty, $data:expr, $nodata:expr) => {{
            let mut img = enc.new_image::<$color>(w, h).map_err(werr)?;
            let e = img.encoder();
            e.write_tag(Tag::ModelPixelScaleTag, &scale[..]).map_err(werr)?;
            e.write_tag(Tag::ModelTiepointTag, &tie[..]).map_err(werr)?;
            e.write_tag(Tag::GeoKeyDirectoryTag, &keys[..]).map_err(werr)?;
            if let Some(nd) = $nodata {
                e.write_tag(Tag::GdalNodata, nd).map_err(werr)?;
            }
            img.write_data(&$data).map_err(werr)?;
        }};
    }
    match sample {
        GeoTiffSample::Int16 => {
            let data: Vec<i16> =
                heights_m
                    .iter()
                    .map(|&v| {
                        if v.is_finite() && v.round().abs() <= 32767.0 {
                            v.round() as i16
                        } else {
                            i16::MIN
                        }
                    })
                    .collect();
            write_image!(tiff::encoder::colortype::GrayI16, data, Some("-32768"))
        }
        GeoTiffSample::Float32 => {
            let data: Vec<f32> = heights_m.iter().map(|&v| v as f32).collect();
            write_image!(tiff::encoder::colortype::Gray32Float, data, None::<&str>)
        }
    }
    Ok(())
}
