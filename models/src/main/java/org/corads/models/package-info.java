/**
 * The networks of the method on DJL: I3D (3D), COVNet (ResNet-50 per axial slice), the continuous and
 * categorical heads, and transfer-learning weight import with 2D → 3D inflation.
 */
package org.corads.models;
