#!/usr/bin/env python3
"""Independent reference of the preprocessing recipe (SPEC §2) with numpy/scipy, for timing and cross-checks.

Debian packages: python3-nibabel python3-scipy python3-pydicom. Usage:
/usr/bin/python3 tests/bench/preprocess_reference.py [scan] [runs]
Reads the NIfTI (or a folder holding a DICOM series, one axial slice per file, with pydicom: slices ordered by
position, rescaled to HU), resamples to 1.5 mm (physical-space convention, trilinear, edge clamp), thresholds at -320 HU,
labels 3D 6-connected components, drops those touching the in-plane faces, keeps the largest (and a second one
>= 10 %), fills holes per axial slice. No airway removal (the Java recipe's region growing has no scipy
one-liner),
so its volume includes the trachea. Prints stage timings and the lung volume.
"""
import sys
import time

import os

import nibabel as nib
import numpy as np
from scipy import ndimage

scan = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/ct/chest-ct-01.nii.gz"
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3


def read_series(folder):
    """HU as float32 indexed [x, y, z] (nibabel's order) and the voxel spacing, from a DICOM series folder."""
    import pydicom
    slices = [pydicom.dcmread(os.path.join(folder, f)) for f in os.listdir(folder)]
    slices.sort(key=lambda d: float(d.ImagePositionPatient[2]))
    hu = np.stack([d.pixel_array.T.astype(np.float32) * float(d.RescaleSlope) + float(d.RescaleIntercept)
                   for d in slices], axis=2)
    row, col = (float(v) for v in slices[0].PixelSpacing)
    dz = abs(float(slices[1].ImagePositionPatient[2]) - float(slices[0].ImagePositionPatient[2]))
    return hu, np.array([col, row, dz])


def once():
    t = {}
    t0 = time.perf_counter()
    if os.path.isdir(scan):
        hu, sp = read_series(scan)
    else:
        img = nib.load(scan)
        hu = np.asanyarray(img.dataobj).astype(np.float32)
        sp = np.sqrt((img.affine[:3, :3] ** 2).sum(axis=0))
    t["read"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    n = np.array(hu.shape)
    m = np.maximum(1, np.round(n * sp / 1.5)).astype(int)
    coords = [np.minimum(np.arange(m[a]) * 1.5 / sp[a], n[a] - 1) for a in range(3)]
    grid = np.meshgrid(*coords, indexing="ij")
    res = ndimage.map_coordinates(hu, grid, order=1, mode="nearest")
    res = np.round(res).astype(np.int16)
    t["resample"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    air = res < -320
    lab, k = ndimage.label(air)  # 6-connectivity in 3D by default
    border = np.unique(np.concatenate([lab[0].ravel(), lab[-1].ravel(), lab[:, 0].ravel(), lab[:, -1].ravel()]))
    sizes = np.bincount(lab.ravel())
    sizes[0] = 0
    sizes[border] = 0
    order = np.argsort(sizes)[::-1]
    keep = [order[0]] + ([order[1]] if sizes[order[1]] >= 0.1 * sizes[order[0]] else [])
    mask = np.isin(lab, keep)
    for z in range(mask.shape[2]):
        mask[:, :, z] = ndimage.binary_fill_holes(mask[:, :, z])
    t["lungMask"] = time.perf_counter() - t0
    return t, res.shape, mask.sum() * 1.5 ** 3 / 1000, res[mask].mean()


results = [once() for _ in range(runs)]
shape, ml, mean = results[-1][1], results[-1][2], results[-1][3]
print(f"resampled {shape}, lung volume {ml:.0f} ml (airways included), mean {mean:.1f} HU")
for stage in results[0][0]:
    vals = sorted(r[0][stage] for r in results[1:] or results)
    print(f"  {stage:10s} median {1000 * vals[len(vals) // 2]:.0f} ms")
