/**
 * Networks of the method (I3D, COVNet, 3D U-Net, heads) and their parameter IO, on DJL.
 * Not yet implemented: this module holds no code until the classifier and segmentation work lands.
 */
package org.corads.models;
