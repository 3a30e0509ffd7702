/*
 * Where GCJ-02 basemaps are shifted: mainland China. Data only; the point-in-area test is in chinaCoords.ts.
 *
 * Why a polygon, and why this one:
 *  - The bounding box of eviltransform / coordtransform (lon 72.004–137.8347, lat 0.8293–55.8271) shifts all of
 *    Taiwan, Korea, Mongolia, Nepal, Bhutan and half of South-East Asia, where GCJ-02 maps show unshifted data.
 *  - The "ChinaMapShift" rectangles (Aimeast, 2012) still shift ~40% of Mongolia and ~70% of North Korea.
 *  - Artoria2e5/PRCoords' 70-point polygon (CC0) is tight abroad but leaves real Chinese border towns unshifted
 *    (Ruili, Hekou, Pingxiang, Suifenhe, Dongning, Fuyuan, Yadong, Zhangmu, part of Shenzhen), because it was drawn
 *    to avoid false positives for Google Maps.
 * A dispatch console inside China must never leave a Chinese street unshifted: a unit drawn 500 m off is worse than
 * a shifted point across a border no unit crosses. So this ring errs towards China:
 *
 *   Natural Earth 1:110m "China" (public domain), buffered 20 km
 *   ∪ PRCoords' polygon without its HK/Macau notch (generous offshore: Zhoushan, Shengsi, Changshan islands)
 *   ∪ 12 km circles at three border ports the 1:110m line misses (Hekou, Zhangmu, Gyirong)
 *   then simplified (turf, tolerance 0.05°, high quality) and rounded to 0.001°.
 *
 * Measured on a 0.1° grid against Natural Earth 1:110m: 100% of China inside; Taiwan, South Korea, Japan and the
 * Philippines 0%; Russia 2%, India 1%, Mongolia 6%, Vietnam 5%, North Korea 12%, Bhutan 22% (border strips only).
 * Twin border towns (Dandong/Sinuiju, Heihe/Blagoveshchensk, Hekou/Lao Cai) cannot be told apart at this scale;
 * both are shifted. South of 17.75°N (Paracel and Spratly islands) is not shifted, as in PRCoords.
 *
 * Hong Kong and Macau are cut out below: AMap/Tencent/Google draw them unshifted (only Baidu shifts them). The cut
 * lines run slightly inside the SARs (through the Frontier Closed Area, not along the river), so that Shenzhen and
 * Zhuhai streets at the border stay shifted.
 */

/** Mainland shift area, [lon, lat] pairs, one closed ring (the first point is not repeated). */
// prettier-ignore
export const MAINLAND_SHIFT_RING: readonly number[] = [
  73.242, 39.062, 73.63, 38.737, 73.766, 38.382, 74.076, 38.363, 74.619, 37.907, 74.758, 37.385,
  74.955, 37.057, 75.702, 36.564, 76.021, 35.787, 77.665, 35.353, 78.688, 34.271, 78.597, 33.483,
  78.904, 33.058, 78.866, 32.723, 78.422, 32.791, 78.245, 32.614, 78.533, 31.478, 79.614, 30.73,
  81.037, 30.017, 81.191, 30.022, 81.544, 30.221, 82.22, 29.962, 83.242, 29.305, 83.763, 29.169,
  84.109, 28.698, 84.926, 28.479, 85.201, 28.33, 85.213, 28.204, 85.396, 28.224, 85.868, 28.011,
  85.98, 27.882, 86.091, 27.966, 86.934, 27.797, 88.098, 27.699, 88.554, 27.836, 88.621, 27.246,
  88.796, 27.121, 88.972, 27.19, 89.649, 27.923, 91.277, 27.811, 91.691, 27.593, 92.536, 27.72,
  93.538, 28.498, 94.592, 29.081, 95.413, 28.853, 96.06, 29.203, 96.339, 28.834, 96.062, 28.482,
  96.108, 28.281, 97.294, 28.084, 97.691, 28.127, 97.899, 27.958, 98.11, 27.614, 98.485, 27.406,
  98.496, 26.413, 98.04, 25.612, 97.546, 25.16, 97.404, 24.495, 97.464, 24.455, 97.411, 23.876,
  97.558, 23.723, 98.391, 23.839, 98.544, 23.737, 98.743, 23.035, 99.288, 22.834, 99.05, 22.138,
  99.118, 21.98, 100.374, 21.383, 100.977, 21.587, 101.156, 21.057, 101.829, 20.996, 101.993, 21.162,
  101.879, 22.067, 102.801, 22.528, 103.847, 22.563, 103.857, 22.434, 103.94, 22.402, 104.023, 22.434,
  104.024, 22.584, 104.545, 22.651, 105.316, 23.128, 105.713, 22.822, 106.167, 22.722, 106.448, 22.51,
  106.396, 22.136, 106.914, 21.679, 107.913, 21.402, 108.566, 20.908, 107.731, 18.193, 110.67, 17.755,
  115.254, 20.236, 121.456, 26.504, 123.417, 30.356, 124.288, 39.749, 125.231, 40.433, 126.346, 40.98,
  126.907, 41.554, 127.277, 41.333, 128.241, 41.292, 128.444, 41.433, 128.332, 41.885, 129.721, 42.274,
  129.921, 42.498, 130.163, 42.547, 130.56, 42.228, 130.817, 42.275, 130.88, 42.74, 131.256, 42.774,
  131.389, 42.917, 131.538, 44.124, 131.311, 44.883, 131.604, 45.004, 133.142, 44.843, 134.003, 46.043,
  134.359, 47.144, 134.749, 47.52, 135.297, 48.486, 135.169, 48.628, 134.962, 48.647, 133.262, 48.341,
  132.427, 47.965, 131.191, 47.967, 130.844, 48.78, 130.659, 48.968, 129.538, 49.594, 128.537, 49.784,
  127.86, 50.044, 127.209, 51.416, 126.829, 51.86, 126.223, 52.858, 125.667, 53.129, 125.284, 53.667,
  124.159, 53.53, 123.621, 53.635, 122.24, 53.61, 120.886, 53.414, 119.907, 52.821, 119.928, 52.656,
  120.357, 52.455, 120.109, 51.843, 119.93, 51.726, 119.013, 50.636, 119.008, 50.234, 118.272, 49.904,
  117.63, 49.79, 116.748, 50.062, 116.488, 50.016, 115.224, 48.173, 115.498, 47.655, 115.679, 47.552,
  116.319, 47.668, 117.344, 47.522, 118.075, 47.854, 118.529, 47.673, 118.324, 46.935, 117.292, 46.827,
  116.547, 46.522, 115.828, 45.878, 114.373, 45.508, 113.413, 45.006, 111.772, 45.266, 111.098, 44.474,
  111.53, 43.815, 110.594, 43.263, 108.427, 42.679, 107.679, 42.655, 106.06, 42.307, 105.011, 41.831,
  104.612, 42.075, 103.375, 42.088, 101.949, 42.673, 100.893, 42.84, 99.516, 42.707, 97.484, 42.927,
  96.471, 42.908, 95.983, 43.403, 95.456, 44.385, 94.797, 44.518, 94.509, 44.666, 94.168, 44.992,
  93.835, 45.014, 93.575, 45.141, 91.108, 45.445, 90.976, 46.099, 91.23, 46.913, 90.735, 47.519,
  90.695, 47.754, 88.194, 48.861, 87.998, 49.372, 87.664, 49.467, 87.177, 49.35, 86.632, 48.878,
  86.25, 48.691, 85.547, 48.56, 85.493, 48.321, 85.376, 48.264, 85.48, 48.023, 85.459, 47.522,
  85.065, 47.201, 83.043, 47.483, 82.925, 47.379, 81.94, 45.524, 79.765, 45.027, 79.716, 44.892,
  79.904, 44.523, 79.843, 42.225, 73.335, 40.076,
];

/** Hong Kong SAR, drawn generously at sea and a few hundred metres south of the Shenzhen River on land. */
// prettier-ignore
export const HONG_KONG_RING: readonly number[] = [
  113.845, 22.17, 113.845, 22.42, 113.86, 22.45, 113.95, 22.472, 114.03, 22.5, 114.07, 22.505,
  114.11, 22.52, 114.15, 22.528, 114.21, 22.535, 114.26, 22.53, 114.33, 22.5, 114.4, 22.42,
  114.42, 22.15, 114.2, 22.12, 113.95, 22.14,
];

/** Macau SAR: peninsula, Taipa, Cotai and Coloane, kept east of Hengqin and south of the Gongbei border gate. */
// prettier-ignore
export const MACAU_RING: readonly number[] = [
  113.53, 22.211, 113.553, 22.213, 113.565, 22.195, 113.6, 22.16, 113.6, 22.11, 113.556, 22.11,
  113.557, 22.15, 113.54, 22.18, 113.528, 22.19,
];

/** Everything south of this latitude is left unshifted (see above). */
export const MAINLAND_SHIFT_SOUTH_LIMIT = 17.75455;
