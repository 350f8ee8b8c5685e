/* test_metrics.c - the metrics plugin, table-driven: one paragraph in (with its
 * section heading), the records it must give out. The document is built directly
 * with docb/tbuf, so the test needs only the plugin and a document - no reader.
 *
 * The paragraph text uses a small markup for what readers produce as spans:
 * "_{CO}" a subscript, "^{-2}" a superscript, "[[87;88]]" a citation callout whose
 * text is "87,88" (labels 87 and 88). Each expected record names its metric, value
 * (in the metric's canonical unit), unit and catalyst (NULL: must be absent, "*":
 * not checked), and optional "field=value;..." checks. A case must give exactly
 * its records, so the not-metric cases give none. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "docb.h"
#include "host.h"
#include "../plugins/metrics/mx.h"

extern const litx_plugin litx_plugin_descriptor;

typedef struct want {
	const char *metric;
	double value;
	const char *unit;
	const char *catalyst;
	const char *checks;
} want;

#define MAXW 8

typedef struct tcase {
	const char *name;
	const char *section;   /* heading title, NULL for none */
	const char *text;
	size_t n;
	want w[MAXW];
} tcase;

/* A case in a document with a title (where a reaction may be named). */
typedef struct titled_case {
	const char *title;
	tcase c;
} titled_case;

static const tcase CASES[] = {
	/* ---- the four the curators ask for first ---- */
	{ "FE with product, up to, condition", "3.5 CO2 reduction",
	  "Compared to Au44(TBBT)28, Au47Cd2(TBBT)31 shows higher faradaic efficiency (FE) for CO "
	  "over a wide potential range from -0.3 V to -0.9 V, displaying FE_{CO} up to 96% at "
	  "-0.57 V (Fig. 6a).",
	  1, { { "faradaic_efficiency", 96, "%", "Au47Cd2(TBBT)31",
		 "qualifier=up to;product=CO;at_potential=-0.57;reaction=CO2RR" } } },
	{ "FE of NH3 from a subscript, RHE scale", NULL,
	  "By precise metal doping, Au4Pd2 shows a higher FE_{NH3} of 12.5% at \xE2\x88\x92" "0.2 V vs. RHE "
	  "than Au4Pt2 in the electrocatalytic N_{2} reduction reaction (NRR).",
	  1, { { "faradaic_efficiency", 12.5, "%", "Au4Pd2",
		 "product=NH3;at_potential=-0.2;potential_scale=RHE;reaction=NRR" } } },
	{ "FE before its symbol, approximately", NULL,
	  "AuAg26 displays increased CO_{2}RR activity (98.4% FE_{CO} at \xE2\x88\x92" "0.97 V), compared "
	  "to Ag25 and Au21 NCs.",
	  1, { { "faradaic_efficiency", 98.4, "%", "AuAg26", "product=CO;at_potential=-0.97;reaction=CO2RR" } } },
	{ "FE greater than", NULL,
	  "Au15Cu4 shows a dramatic enhancement with a high FE_{CO} of >90% and an up to industrial CO "
	  "partial current density of -413 mA cm^{-2} at -3.75 V in a membrane electrode assembly cell.",
	  2, { { "faradaic_efficiency", 90, "%", "Au15Cu4", "qualifier=>;product=CO" },
	       { "partial_current_density", -413, "mA/cm^2", "Au15Cu4",
		 "product=CO;at_potential=-3.75" } } },
	{ "overpotential with eta and a current density", "3.2 Au-based bimetallic NCs in the oxygen evolution reaction",
	  "Au15Ag23 not only shows excellent electrocatalytic HER activity (\xCE\xB7 = 125 mV to reach 10 "
	  "mA cm^{-2} current density) but it also displays an outstanding OER property when it is "
	  "loaded on NiFe layered double hydroxide, whose overpotential is 250 mV to reach 10 mA "
	  "cm^{-2} (Fig. 5a). In an overall water splitting (OWS) system, achieving 10 mA cm^{-2} "
	  "requires only 1.51 V, and it performs for as long as 50 h in a stability test.",
	  4, { { "overpotential", 125, "mV", "Au15Ag23", "at_current_density=10;reaction=HER" },
	       { "overpotential", 250, "mV", "Au15Ag23/NiFe layered double hydroxide",
		 "at_current_density=10;reaction=OER" },
	       { "cell_voltage", 1.51, "V", "Au15Ag23/NiFe layered double hydroxide",
		 "at_current_density=10;reaction=OWS" },
	       { "stability_duration", 50, "h", "Au15Ag23/NiFe layered double hydroxide", "reaction=OWS" } } },
	{ "overpotential of ... to reach, catalyst carried over", NULL,
	  "Sun et al. synthesized a hybrid system of Au\xE2\x80\x93 Fe_{1} NCs loaded on Ni foam to act as "
	  "alkaline HER and OER bifunctional electrocatalysts.[[113]] The electron structure of H "
	  "adsorption on the Au NC surface is optimized by the introduction of Fe atoms, manifested by "
	  "a low overpotential of 35.6 mV to reach 10 mA cm^{-2} current density in HER. In addition, "
	  "the hybrid system Au\xE2\x80\x93 Fe_{1} NCs display good OER activity with a 246 mV low "
	  "overpotential at 10 mA cm^{-2} oxidation current density. In a two-electrode alkaline OWS "
	  "device, the cell voltage to reach 10 mA cm^{-2} current density is only 1.52 V, and the "
	  "durability test lasts for 40 h.",
	  4, { { "overpotential", 35.6, "mV", "Au\xE2\x80\x93" "Fe1", "at_current_density=10;reaction=HER" },
	       { "overpotential", 246, "mV", "Au\xE2\x80\x93" "Fe1", "at_current_density=10;reaction=OER" },
	       { "cell_voltage", 1.52, "V", "Au\xE2\x80\x93" "Fe1", "at_current_density=10;reaction=OWS" },
	       { "stability_duration", 40, "h", "Au\xE2\x80\x93" "Fe1", NULL } } },
	{ "eta with a subscript current density", NULL,
	  "The optimized Ni2P/Au25 electrode needs only \xCE\xB7_{10} = 250 mV in 1 M KOH.",
	  1, { { "overpotential", 250, "mV", "Ni2P/Au25", "at_current_density=10" } } },
	{ "overpotential in V converted, range", NULL,
	  "The overpotential of Au25 ranges from 0.25 to 0.30 V at 10 mA cm^{-2}.",
	  1, { { "overpotential", -1, "mV", "Au25", "value_min=250;value_max=300;at_current_density=10" } } },
	{ "Tafel slopes in every spelling", NULL,
	  "Pt1Au24 has a Tafel slope of 45 mV dec^{-1}, Pd1Au24 one of 62 mV/dec and Au25 one of "
	  "0.118 V decade^{-1}.",
	  3, { { "tafel_slope", 45, "mV/dec", "Pt1Au24", NULL },
	       { "tafel_slope", 62, "mV/dec", "*", NULL },
	       { "tafel_slope", 118, "mV/dec", "*", NULL } } },
	{ "Tafel slope implied by its unit", NULL,
	  "Au2Pd6/MoS2 shows the best kinetics (38 mV dec^{-1}).",
	  1, { { "tafel_slope", 38, "mV/dec", "Au2Pd6/MoS2", NULL } } },
	{ "TOF with a mol/mol basis and per hour", NULL,
	  "Au25 reaches a TOF of 206 mol_{CO} mol_{NC}^{-1} s^{-1}, and Ag25 a turnover frequency of "
	  "1800 h^{-1}.",
	  2, { { "turnover_frequency", 206, "s^-1", "Au25", "basis=CO" },
	       { "turnover_frequency", 0.5, "s^-1", "Ag25", "unit_written=h-1" } } },
	{ "k_obs with conditions, labels and comparisons", "3.1 Au-based bimetallic NCs in the hydrogen evolution reaction",
	  "The k_{obs} (pseudo-first-order rate constant) of Pt1Au24 is calculated to be 121000 "
	  "s^{-1} at \xCE\xB7 = 650 mV, which is higher than that of Au25 (8000 s^{-1}) or other "
	  "molecule-like complexes (Co-complex: 700 s^{-1} at \xCE\xB7 = 890 mV, Cu-complex: 11000 s^{-1} "
	  "at \xCE\xB7 = 720 mV, Ni-complex: 106000 s^{-1} at \xCE\xB7 = 650 mV) (Fig. 2e).[[96;97;98]]",
	  5, { { "rate_constant", 121000, "s^-1", "*", "at_overpotential=650;reaction=HER" },
	       { "rate_constant", 8000, "s^-1", "Au25", NULL },
	       { "rate_constant", 700, "s^-1", "Co-complex", "at_overpotential=890" },
	       { "rate_constant", 11000, "s^-1", "Cu-complex", "at_overpotential=720" },
	       { "rate_constant", 106000, "s^-1", "Ni-complex", "at_overpotential=650" } } },
	/* ---- the rest of the list ---- */
	{ "potential gaps and HOMO-LUMO gaps, respectively", NULL,
	  "As measured by square-wave voltammetry (SWV), the gaps between the first oxidation (O1) and "
	  "reduction (R1) potential for Au25 and Pt1Au24 are 1.67 and 0.73 V, respectively (Fig. 2b). "
	  "The HOMO\xE2\x80\x93LUMO (highest occupied\xE2\x80\x93lowest unoccupied molecular orbitals) gaps "
	  "are 1.32 and 0.29 V for Au25 and Pt1Au24, respectively.",
	  4, { { "potential_gap", 1.67, "V", "Au25", NULL }, { "potential_gap", 0.73, "V", "Pt1Au24", NULL },
	       { "homo_lumo_gap", 1.32, "V", "Au25", NULL }, { "homo_lumo_gap", 0.29, "V", "Pt1Au24", NULL } } },
	{ "onset potentials at, respectively", NULL,
	  "In THF (0.1 M Bu4NPF6) solution containing 1.0 M trifluoroacetic acid (TFA), Au25 and "
	  "Pt1Au24 show onset potentials at -1.10 and -0.89 V, respectively (Fig. 2c).",
	  2, { { "onset_potential", -1.10, "V", "Au25", NULL }, { "onset_potential", -0.89, "V", "Pt1Au24", NULL } } },
	{ "overpotential with a reference value and a comparison", NULL,
	  "Notably, the overpotential for Pt1Au24 is ~70 mV (relative to -0.82 V, the thermodynamic "
	  "reduction potential of a proton in THF with 1.0 M TFA), which is superior to other natural "
	  "hydrogenase enzymes (~100 mV).[[91;92;93]]",
	  2, { { "overpotential", 70, "mV", "Pt1Au24", "qualifier=~;refs=91" },
	       { "overpotential", 100, "mV", "natural hydrogenase enzymes", "qualifier=~" } } },
	{ "onset potential with a Unicode minus and SCE, en dash minus", NULL,
	  "Au1Ag21 shows an onset potential of \xE2\x88\x92" "0.25 V vs. SCE, while Ag22 has an onset "
	  "potential of \xE2\x80\x93" "0.31 V.",
	  2, { { "onset_potential", -0.25, "V", "Au1Ag21", "potential_scale=SCE" },
	       { "onset_potential", -0.31, "V", "Ag22", NULL } } },
	{ "current densities in every spelling, micro", NULL,
	  "Pd1Au24 delivers a current density of 25 mA/cm2, Pt1Au24 a current density of 30 "
	  "mA\xC2\xB7" "cm\xE2\x88\x92" "2, Au25 a current density of 16.4 \xCE\xBC" "A cm^{-2} and Ag25 a current "
	  "density of 12 uA/cm2.",
	  4, { { "current_density", 25, "mA/cm^2", "Pd1Au24", NULL },
	       { "current_density", 30, "mA/cm^2", "Pt1Au24", NULL },
	       { "current_density", 0.0164, "mA/cm^2", "Au25", NULL },
	       { "current_density", 0.012, "mA/cm^2", "Ag25", NULL } } },
	{ "mass activity with basis, ratios respectively", "3.4 Au-based bimetallic NCs in the fuel small-molecule oxidation reaction",
	  "Although only one Pt replaces the central Au atom, Pt1Au24 shows excellent FAO performance "
	  "with a high mass activity of 3.7 A mg_{Pt+Au}^{-1}, which is 12 and 34 times higher than "
	  "that of Pt NCs and commercial Pt/C, respectively.",
	  3, { { "mass_activity", 3.7, "A/mg", "Pt1Au24", "basis=Pt+Au;reaction=FAO" },
	       { "ratio", 12, "times", "Pt1Au24", "compared_to=Pt NCs" },
	       { "ratio", 34, "times", "Pt1Au24", "compared_to=commercial Pt/C" } } },
	{ "mass and specific activity with a shared comparison", NULL,
	  "In EOR, Au0.4Pd0.6/CB exhibits 5.25 A mg_{AuPd}^{-1} mass activity and 5.98 mA "
	  "cm_{AuPd}^{-2} specific activity, which are 9.7 and 3.4 times greater than those of "
	  "commercial Pd/C (0.54 A mg_{Pd}^{-1} and 1.74 mA cm_{Pd}^{-2}), respectively.",
	  6, { { "mass_activity", 5.25, "A/mg", "Au0.4Pd0.6/CB", "basis=AuPd;reaction=EOR" },
	       { "specific_activity", 5.98, "mA/cm^2", "Au0.4Pd0.6/CB", "basis=AuPd" },
	       { "ratio", 9.7, "times", "Au0.4Pd0.6/CB", "compared_to=commercial Pd/C" },
	       { "ratio", 3.4, "times", "Au0.4Pd0.6/CB", "compared_to=commercial Pd/C" },
	       { "mass_activity", 0.54, "A/mg", "Pd/C", "basis=Pd" },
	       { "specific_activity", 1.74, "mA/cm^2", "Pd/C", "basis=Pd" } } },
	{ "photocatalytic production rate and ratios against a list", NULL,
	  "Therefore, Au12Ag32/TiO2 shows a photocatalytic H_{2} production rate of 6810 \xCE\xBCmol "
	  "g^{-1} h^{-1} under solar irradiation, which is 37.8 and 6 times higher than those of TiO2 "
	  "and Ag44/TiO2, respectively (Fig. 4a and b).",
	  3, { { "production_rate", 6810, "umol g^-1 h^-1", "Au12Ag32/TiO2",
		 "product=H2;reaction=photocatalytic HER" },
	       { "ratio", 37.8, "times", "Au12Ag32/TiO2", "compared_to=TiO2" },
	       { "ratio", 6, "times", "Au12Ag32/TiO2", "compared_to=Ag44/TiO2" } } },
	{ "fold amplification", NULL,
	  "The Fe SA modified Au8 NCs lead to ~ 18.07 -fold amplification in the FE of CO_{2}-to-CO "
	  "compared to isolated Au8 NCs.",
	  1, { { "ratio", 18.07, "times", "*", "qualifier=~" } } },
	{ "electron-transfer numbers after labels", "3.3 Au-based bimetallic NCs in the oxygen reduction reaction",
	  "Furthermore, based on the Koutecky-Levich plots, the overall number of electrons transferred "
	  "for Cd-doped Au NCs is higher than that for bare Au NCs (Au_{38} : 2, Au_{27}Cd_{1}: 3.3, "
	  "Au_{24} : 2.2, Au_{22}Cd_{1}: 3), indicating that Cd doping will change the ORR reaction "
	  "pathway of Au NCs.",
	  4, { { "electron_transfer_number", 2, "", "Au38", "reaction=ORR" },
	       { "electron_transfer_number", 3.3, "", "Au27Cd1", NULL },
	       { "electron_transfer_number", 2.2, "", "Au24", NULL },
	       { "electron_transfer_number", 3, "", "Au22Cd1", NULL } } },
	{ "electron-transfer number after its keyword", NULL,
	  "Au1Ag21 follows a 4-electron pathway with an electron transfer number of 3.9.",
	  1, { { "electron_transfer_number", 3.9, "", "Au1Ag21", NULL } } },
	{ "power density, cell voltage, full-cell potential", NULL,
	  "The Zn-air battery with Au25/C reaches a peak power density of 210 mW cm^{-2} and a cell "
	  "voltage of 1.45 V. AuAg12@Au12 shows a 200 mA cm^{-2} industry current density and a 2.1 V "
	  "full-cell potential.",
	  4, { { "power_density", 210, "mW/cm^2", "Au25/C", NULL },
	       { "cell_voltage", 1.45, "V", "Au25/C", NULL },
	       { "current_density", 200, "mA/cm^2", "AuAg12@Au12", NULL },
	       { "cell_voltage", 2.1, "V", "AuAg12@Au12", NULL } } },
	{ "stability in minutes and days", NULL,
	  "Au25/CNT remained stable for 30 days, while Au38/CNT lost activity after a "
	  "chronoamperometry test of 600 min.",
	  2, { { "stability_duration", 720, "h", "Au25/CNT", NULL },
	       { "stability_duration", 10, "h", "Au38/CNT", NULL } } },
	{ "applied current density is a condition", NULL,
	  "Au25/NF was tested at an applied current density of 100 mA cm^{-2} and was stable for 120 h.",
	  1, { { "stability_duration", 120, "h", "Au25/NF", "at_current_density=100" } } },
	{ "reaction from the section heading", "3.2 Au-based bimetallic NCs in the oxygen evolution reaction",
	  "The Au4Co2 catalyst needs an overpotential of 0.31 V.",
	  1, { { "overpotential", 310, "mV", "Au4Co2", "reaction=OER" } } },
	{ "conditions paired with values in order", NULL,
	  "NiFe-LDH/Au25 requires overpotentials of 230 and 290 mV to deliver 10 and 100 mA cm^{-2}, "
	  "respectively.",
	  2, { { "overpotential", 230, "mV", "NiFe-LDH/Au25", "at_current_density=10" },
	       { "overpotential", 290, "mV", "NiFe-LDH/Au25", "at_current_density=100" } } },
	{ "a condition before a list of values, names after them", NULL,
	  "The overpotentials at 10 mA cm^{-2} were 290 mV (Au25), 320 mV (Ag25), and 350 mV (Cu25).",
	  3, { { "overpotential", 290, "mV", "Au25", "at_current_density=10" },
	       { "overpotential", 320, "mV", "Ag25", "at_current_density=10" },
	       { "overpotential", 350, "mV", "Cu25", "at_current_density=10" } } },
	{ "a scale said once, a shift is no value", NULL,
	  "The half-wave potential (E1/2) of Pt/C is 0.85 V vs. RHE, while that of Au38/C is 0.81 V. "
	  "After 5000 cycles, the E1/2 of Au38/C negatively shifted by only 12 mV.",
	  2, { { "half_wave_potential", 0.85, "V", "Pt/C", "potential_scale=RHE" },
	       { "half_wave_potential", 0.81, "V", "Au38/C", "potential_scale=RHE" } } },
	{ "a change from one value to another", NULL,
	  "The TOF of Au25 increased from 120 h^{-1} to 860 h^{-1} upon Pd doping.",
	  2, { { "turnover_frequency", 120.0 / 3600, "s^-1", "Au25", NULL },
	       { "turnover_frequency", 860.0 / 3600, "s^-1", "Au25", NULL } } },
	{ "products after the value and shared in a sentence", NULL,
	  "Au25 achieves a FE of 96.7% for CO2-to-CO conversion at \xE2\x88\x92" "0.57 V (Fig. 1). The Au25 NCs "
	  "exhibited a NH_{3} yield of 21.2 \xCE\xBCg h^{-1} mg^{-1} and FE of 11.3% at \xE2\x88\x92" "0.2 V.",
	  3, { { "faradaic_efficiency", 96.7, "%", "Au25", "product=CO" },
	       { "production_rate", 21.2, "\xCE\xBCg h-1 mg-1", "Au25", "product=NH3" },
	       { "faradaic_efficiency", 11.3, "%", "Au25", "product=NH3" } } },
	{ "N times that of", NULL,
	  "The specific activity of Pt1Au24/C of 0.45 mA cm^{-2} at 0.9 V is 3.2 times that of Pt/C.",
	  2, { { "specific_activity", 0.45, "mA/cm^2", "Pt1Au24/C", "at_potential=0.9" },
	       { "ratio", 3.2, "times", "Pt1Au24/C", "compared_to=Pt/C" } } },
	{ "a comparison that ends at a citation", NULL,
	  "Au25/C shows a mass activity 12 times higher than Pt/C[[15]] in the ORR.",
	  1, { { "ratio", 12, "times", "Au25/C", "compared_to=Pt/C;reaction=ORR" } } },
	/* ---- beyond the seed: clauses, reactions from the context, comparisons.
	 * Sentences written for these tests in the style of electrocatalysis papers. ---- */
	{ "whereas: the value after it belongs to its own subject", NULL,
	  "The Au_{24}Ag_{1}(SC_{2}H_{4}Ph)_{18} cluster reached a CO faradaic efficiency of 93.5% at "
	  "\xE2\x88\x92" "0.6 V vs. RHE, whereas the parent [Au_{25}(SC_{2}H_{4}Ph)_{18}]^{-} gave only 71%.",
	  2, { { "faradaic_efficiency", 93.5, "%", "Au24Ag1(SC2H4Ph)18",
		 "product=CO;at_potential=-0.6;potential_scale=RHE;reaction=CO2RR" },
	       { "faradaic_efficiency", 71, "%", "[Au25(SC2H4Ph)18]-", "product=CO;reaction=CO2RR" } } },
	{ "while: a second subject with its own value", NULL,
	  "Pd_{1}Ag_{24} shows an HER overpotential of 68 mV at 10 mA cm^{-2}, while Ag_{25} requires 210 mV.",
	  2, { { "overpotential", 68, "mV", "Pd1Ag24", "at_current_density=10;reaction=HER" },
	       { "overpotential", 210, "mV", "Ag25", "reaction=HER" } } },
	{ "but: the value of the second clause", NULL,
	  "Au_{24}Cu_{1} delivered a FE_{CO} of 88% at \xE2\x88\x92" "0.7 V, but Au_{25} reached only 62% under "
	  "the same conditions.",
	  2, { { "faradaic_efficiency", 88, "%", "Au24Cu1", "product=CO;at_potential=-0.7;reaction=CO2RR" },
	       { "faradaic_efficiency", 62, "%", "Au25", "product=CO;reaction=CO2RR" } } },
	{ "semicolon: a new clause, a new subject", NULL,
	  "Ni_{3}Fe/NC exhibits a Tafel slope of 42 mV dec^{-1}; RuO_{2} exhibits 78 mV dec^{-1} in the "
	  "same electrolyte.",
	  2, { { "tafel_slope", 42, "mV/dec", "Ni3Fe/NC", NULL },
	       { "tafel_slope", 78, "mV/dec", "RuO2", NULL } } },
	{ "in contrast after a semicolon", NULL,
	  "Au_{19}Cd_{2} reaches a FE_{CO} of 95% at \xE2\x88\x92" "0.57 V; in contrast, Au_{25} achieves only 58%.",
	  2, { { "faradaic_efficiency", 95, "%", "Au19Cd2", "product=CO;reaction=CO2RR" },
	       { "faradaic_efficiency", 58, "%", "Au25", "product=CO;reaction=CO2RR" } } },
	{ "and X gave: a new subject after a comma", NULL,
	  "Au_{38}S_{2}(SAdm)_{20} showed a TOF of 1.8 s^{-1} at an overpotential of 300 mV, and "
	  "Au_{25}(SR)_{18} gave 0.6 s^{-1}.",
	  2, { { "turnover_frequency", 1.8, "s^-1", "Au38S2(SAdm)20", "at_overpotential=300" },
	       { "turnover_frequency", 0.6, "s^-1", "Au25(SR)18", NULL } } },
	{ "and X exhibited: mass activities of two catalysts", NULL,
	  "AgPt_{2}/C showed a mass activity of 1.21 A mg_{Pt}^{-1} in the MOR, and commercial Pt/C "
	  "exhibited 0.21 A mg_{Pt}^{-1}.",
	  2, { { "mass_activity", 1.21, "A/mg", "AgPt2/C", "basis=Pt;reaction=MOR" },
	       { "mass_activity", 0.21, "A/mg", "Pt/C", "basis=Pt;reaction=MOR" } } },
	{ "a CO2RR product implies the reaction (HCOOH)", NULL,
	  "The Sn-doped SnAu_{24}/C gave a FE_{HCOOH} of 76% at \xE2\x88\x92" "0.9 V vs. RHE.",
	  1, { { "faradaic_efficiency", 76, "%", "SnAu24/C", "product=HCOOH;reaction=CO2RR" } } },
	{ "a CO2RR product implies the reaction (CH4, C2H4)", NULL,
	  "At \xE2\x88\x92" "1.1 V vs. RHE, Cu_{2}Au_{23}/C gave FE_{CH4} of 21% and FE_{C2H4} of 32%.",
	  2, { { "faradaic_efficiency", 21, "%", "Cu2Au23/C", "product=CH4;reaction=CO2RR;at_potential=-1.1" },
	       { "faradaic_efficiency", 32, "%", "Cu2Au23/C", "product=C2H4;reaction=CO2RR;at_potential=-1.1" } } },
	{ "H2 next to CO is still CO2RR", NULL,
	  "At \xE2\x88\x92" "0.6 V vs. RHE, Ag_{25}(SR)_{18} gave FE_{CO} of 45% and FE_{H2} of 52%.",
	  2, { { "faradaic_efficiency", 45, "%", "Ag25(SR)18", "product=CO;reaction=CO2RR" },
	       { "faradaic_efficiency", 52, "%", "Ag25(SR)18", "product=H2;reaction=CO2RR" } } },
	{ "NH3 implies NRR", NULL,
	  "Au_{4}Pd_{2} delivered an FE_{NH3} of 9.8% at \xE2\x88\x92" "0.2 V vs. RHE.",
	  1, { { "faradaic_efficiency", 9.8, "%", "Au4Pd2", "product=NH3;reaction=NRR" } } },
	{ "NH3 from nitrate is NO3RR", NULL,
	  "With nitrate as the nitrogen source, Cu_{1}Au_{24} delivered an FE_{NH3} of 85.6% at "
	  "\xE2\x88\x92" "0.4 V vs. RHE.",
	  1, { { "faradaic_efficiency", 85.6, "%", "Cu1Au24", "product=NH3;reaction=NO3RR" } } },
	{ "respectively with three catalysts", NULL,
	  "Au_{25}, Au_{24}Pd_{1} and Au_{24}Pt_{1} showed CO faradaic efficiencies of 52%, 78% and 91%, "
	  "respectively.",
	  3, { { "faradaic_efficiency", 52, "%", "Au25", "product=CO;reaction=CO2RR" },
	       { "faradaic_efficiency", 78, "%", "Au24Pd1", "product=CO;reaction=CO2RR" },
	       { "faradaic_efficiency", 91, "%", "Au24Pt1", "product=CO;reaction=CO2RR" } } },
	{ "respectively with a shared condition", NULL,
	  "NiFe-LDH and IrO_{2} exhibited OER overpotentials of 250 and 310 mV at 10 mA cm^{-2}, respectively.",
	  2, { { "overpotential", 250, "mV", "NiFe-LDH", "at_current_density=10;reaction=OER" },
	       { "overpotential", 310, "mV", "IrO2", "at_current_density=10;reaction=OER" } } },
	{ "fold ratio between two mass activities in parentheses", NULL,
	  "The mass activity of Pt_{1}Au_{24}/C (2.3 A mg^{-1}) is 5.1-fold higher than that of "
	  "commercial Pt/C (0.45 A mg^{-1}).",
	  3, { { "mass_activity", 2.3, "A/mg", "Pt1Au24/C", NULL },
	       { "ratio", 5.1, "times", "Pt1Au24/C", "compared_to=commercial Pt/C" },
	       { "mass_activity", 0.45, "A/mg", "Pt/C", NULL } } },
	{ "half-wave potential with a subscript symbol and a shift", NULL,
	  "The half-wave potential (E_{1/2}) of Pd_{1}Au_{24}/C is 0.86 V, 30 mV more positive than "
	  "that of Pt/C.",
	  1, { { "half_wave_potential", 0.86, "V", "Pd1Au24/C", NULL } } },
	{ "stable for 24 h at a current density", NULL,
	  "Moreover, Au_{25}/NiFe-LDH remained stable for 24 h at 10 mA cm^{-2} without obvious decay.",
	  1, { { "stability_duration", 24, "h", "Au25/NiFe-LDH", "at_current_density=10" } } },
	{ "TOF at an overpotential", NULL,
	  "The Co_{1}Au_{24} catalyst shows a TOF of 3.2 s^{-1} at an overpotential of 300 mV.",
	  1, { { "turnover_frequency", 3.2, "s^-1", "Co1Au24", "at_overpotential=300" } } },
	{ "current density at a potential", NULL,
	  "Au_{25}/CNT delivers a current density of 25 mA cm^{-2} at 1.6 V vs. RHE.",
	  1, { { "current_density", 25, "mA/cm^2", "Au25/CNT", "at_potential=1.6;potential_scale=RHE" } } },
	{ "Tafel slopes of a target and its comparison", NULL,
	  "The Tafel slope of Ir_{1}Au_{24} (48 mV dec^{-1}) is much smaller than that of Au_{25} "
	  "(96 mV dec^{-1}).",
	  2, { { "tafel_slope", 48, "mV/dec", "Ir1Au24", NULL },
	       { "tafel_slope", 96, "mV/dec", "Au25", NULL } } },
	{ "a pronoun subject carried from the sentence before", NULL,
	  "We then evaluated Pd_{3}Au_{22} for the HER in 0.5 M H_{2}SO_{4}. It needs an overpotential "
	  "of 86 mV to reach 10 mA cm^{-2}, and its Tafel slope is 39 mV dec^{-1}.",
	  2, { { "overpotential", 86, "mV", "Pd3Au22", "at_current_density=10;reaction=HER" },
	       { "tafel_slope", 39, "mV/dec", "Pd3Au22", "reaction=HER" } } },
	{ "partial current density with the catalyst after it", NULL,
	  "The partial current density for CO (j_{CO}) reached \xE2\x88\x92" "12.4 mA cm^{-2} at "
	  "\xE2\x88\x92" "0.9 V vs. RHE on Au_{24}Ag_{1}.",
	  1, { { "partial_current_density", -12.4, "mA/cm^2", "Au24Ag1",
		 "product=CO;reaction=CO2RR;at_potential=-0.9" } } },
	{ "electron transfer number in the ORR section", "3.4 Oxygen reduction",
	  "Koutecky\xE2\x80\x93Levich analysis gives an electron transfer number of 3.8 for Au_{38}/C.",
	  1, { { "electron_transfer_number", 3.8, "", "Au38/C", "reaction=ORR" } } },
	{ "whereas: the subject written after the value in its clause", NULL,
	  "Au_{25} gave a FE_{CO} of 93% at \xE2\x88\x92" "0.7 V vs. RHE, whereas only 41% was obtained over "
	  "Au_{38}(SR)_{24}.",
	  2, { { "faradaic_efficiency", 93, "%", "Au25", "product=CO;reaction=CO2RR" },
	       { "faradaic_efficiency", 41, "%", "Au38(SR)24", "product=CO;reaction=CO2RR" } } },
	{ "while that of: the comparison's own value, scale said once", NULL,
	  "The ORR onset potential of Au_{25}/C is 0.92 V vs. RHE, while that of Pt/C is 0.98 V.",
	  2, { { "onset_potential", 0.92, "V", "Au25/C", "reaction=ORR;potential_scale=RHE" },
	       { "onset_potential", 0.98, "V", "Pt/C", "reaction=ORR;potential_scale=RHE" } } },
	{ "a product overrides a heading that cannot make it", "3.1 Hydrogen evolution reaction",
	  "Under CO_{2}-saturated 0.5 M KHCO_{3}, Au_{24}Pd_{1} gave an FE_{CO} of 80% at \xE2\x88\x92" "0.6 V.",
	  1, { { "faradaic_efficiency", 80, "%", "Au24Pd1", "product=CO;reaction=CO2RR" } } },
	{ "a difference is no value", NULL,
	  "Au_{25}/NiFe-LDH exhibits an overpotential 45 mV lower than that of RuO_{2}.",
	  0, { { NULL, 0, NULL, NULL, NULL } } },
	{ "no metric: a purge time and a method", NULL,
	  "The electrolyte was purged with CO_{2} for 30 min and the FE was calculated from the charge passed.",
	  0, { { NULL, 0, NULL, NULL, NULL } } },
	/* ---- not metrics ---- */
	{ "figure, reference and citation numbers", NULL,
	  "Kwak et al. obtained Pt1Au24 bimetallic NCs (Fig. 2a).[[87]] As shown in ref. 88 and Table 1, "
	  "the structures were determined in 2008 and 1998.",
	  0, { { NULL, 0, NULL, NULL, NULL } } },
	{ "sizes, temperatures, pressures, concentrations", NULL,
	  "The redox potential order no longer holds when the size of NCs is less than 3 nm; the "
	  "reaction requires 400\xE2\x80\x93" "550 \xC2\xB0" "C and 15\xE2\x80\x93" "30 MPa in 0.1 M KOH, "
	  "and the distance between N2 and Aun is longer than 3.2 \xC3\x85.",
	  0, { { NULL, 0, NULL, NULL, NULL } } },
	{ "electron pathways and counts", NULL,
	  "ORR has two pathways: one undergoes a 4-electron transfer step, the other is a 2-electron "
	  "pathway; the superatomic configuration is Au25: 8-electron.",
	  0, { { NULL, 0, NULL, NULL, NULL } } },
	{ "percent and hours that are no metrics", NULL,
	  "The hybrid composite with 30% metal mass loading was annealed at 600 \xC2\xB0" "C for 2 h and "
	  "washed three times; 5 times more catalyst was used.",
	  0, { { NULL, 0, NULL, NULL, NULL } } },
	{ "optical energies are not gaps", NULL,
	  "The optical absorbance spectra differ (Au25: 1.8 eV, Pt1Au24: 1.1 and 2.1 eV).",
	  0, { { NULL, 0, NULL, NULL, NULL } } },
	{ "conditions of a corrosion test", NULL,
	  "Prior to the tests, the specimens were immersed in a test solution for 3 h to obtain a "
	  "stable open-circuit potential. To accelerate the corrosion, a current density of 4 mA/cm2 "
	  "was applied.",
	  0, { { NULL, 0, NULL, NULL, NULL } } },
	{ "flow rates and a stable zone", NULL,
	  "The inert gas was helium at a flow of 1.0 mL/min and ethanol was fed at 10 g/min. The "
	  "inhibition zones observed after 24 h were stable and identical after 48 and 72 h.",
	  0, { { NULL, 0, NULL, NULL, NULL } } },
	{ "a ratio that is not about performance", NULL,
	  "In the case of 500 ppm, the area under the -C-NH-C peak is 4.8 times greater than that under "
	  "the -C=NC peak.",
	  0, { { NULL, 0, NULL, NULL, NULL } } },
	{ "a citation with numbers and units is skipped", NULL,
	  "Au25 is active for HER[[12;13]] and the current at -0.76 V shows no change.",
	  0, { { NULL, 0, NULL, NULL, NULL } } },
};

/* Cases whose reaction is named only in the document title (or whose heading
 * must win over it). */
static const titled_case TITLED[] = {
	{ "Atomically precise Au\xE2\x80\x93" "Cd alloy nanoclusters for efficient CO\xE2\x82\x82 electroreduction",
	    { "reaction from the document title (CO2 electroreduction)", NULL,
	    "Au_{19}Cd_{2}(SR)_{16} exhibited a maximum faradaic efficiency of 90.2% at \xE2\x88\x92" "0.6 V vs. RHE.",
	    1, { { "faradaic_efficiency", 90.2, "%", "Au19Cd2(SR)16", "reaction=CO2RR;potential_scale=RHE" } } } },
	{ "Ruthenium-doped gold clusters for electrocatalytic nitrogen reduction under ambient conditions",
	    { "reaction from the document title (nitrogen reduction)", NULL,
	    "The Au_{4}Ru_{2}/C electrode achieved a faradaic efficiency of 14.7% at \xE2\x88\x92" "0.3 V vs. RHE.",
	    1, { { "faradaic_efficiency", 14.7, "%", "Au4Ru2/C", "reaction=NRR" } } } },
	{ "Gold nanocluster-decorated NiFe hydroxides for efficient oxygen evolution",
	    { "reaction from the document title (oxygen evolution)", NULL,
	    "NiFe-OH/Au_{25} needs an overpotential of only 247 mV to deliver 10 mA cm^{-2}.",
	    1, { { "overpotential", 247, "mV", "NiFe-OH/Au25", "at_current_density=10;reaction=OER" } } } },
	{ "Bifunctional gold clusters for zinc-air batteries and oxygen evolution",
	    { "the section heading wins over the title", "Oxygen reduction activity",
	    "Au_{38}/C displayed an onset potential of 0.95 V vs. RHE in 0.1 M KOH.",
	    1, { { "onset_potential", 0.95, "V", "Au38/C", "reaction=ORR;potential_scale=RHE" } } } },
	{ "Cadmium single atoms on gold clusters boost CO2 electroreduction",
	    { "H2 in a CO2 electroreduction paper is CO2RR", NULL,
	    "Au_{24}Cd_{1} suppressed the competing reaction, with an FE_{H2} of only 6.2% at \xE2\x88\x92" "0.7 V.",
	    1, { { "faradaic_efficiency", 6.2, "%", "Au24Cd1", "product=H2;reaction=CO2RR" } } } },
};

/* Build one paragraph from the markup into b. */
static void put_markup(tbuf *tb, const char *m)
{
	tbuf_mark(tb, 7, 100);
	for (const char *p = m; *p;) {
		if ((p[0] == '_' || p[0] == '^') && p[1] == '{') {
			const char *e = strchr(p + 2, '}');
			assert_non_null(e);
			long sp = tbuf_span_open(tb, p[0] == '_' ? LITX_SPAN_SUB : LITX_SPAN_SUP);
			tbuf_put(tb, p + 2, (size_t)(e - p - 2));
			tbuf_span_close(tb, sp);
			p = e + 1;
		} else if (p[0] == '[' && p[1] == '[') {
			const char *e = strstr(p, "]]");
			assert_non_null(e);
			char labels[64];
			size_t n = (size_t)(e - p - 2);
			assert_true(n < sizeof labels);
			memcpy(labels, p + 2, n);
			labels[n] = '\0';
			size_t start = tb->len;
			for (size_t i = 0; i < n; i++)
				tbuf_putc(tb, labels[i] == ';' ? ',' : labels[i]);
			tbuf_span_add(tb, LITX_SPAN_CITE, start, tb->len, LITX_CITE_SUPERSCRIPT, labels);
			tbuf_span_add(tb, LITX_SPAN_SUP, start, tb->len, LITX_CITE_NONE, NULL);
			p = e + 2;
		} else {
			tbuf_putc(tb, *p++);
		}
	}
}

static litx_doc *make_doc(const char *title, const char *section, const char *markup)
{
	docb *b = docb_new("case.txt", LITX_FORMAT_TEXT);
	assert_non_null(b);
	memcpy(b->doc.doc_id, "0123456789abcdef", 17);
	if (title)
		assert_non_null(b->doc.meta.title = docb_strdup(b, title));
	if (section) {
		char num[16] = "";
		const char *title = section;
		const char *sp = strchr(section, ' ');
		if (sp && section[0] >= '0' && section[0] <= '9' && (size_t)(sp - section) < sizeof num) {
			memcpy(num, section, (size_t)(sp - section));
			num[sp - section] = '\0';
			title = sp + 1;
		}
		assert_non_null(docb_add_section(b, num, title, 1, 5, 50));
	}
	tbuf tb;
	tbuf_init(&tb);
	put_markup(&tb, markup);
	litx_block *blk = docb_add_block(b, LITX_BLOCK_PARAGRAPH);
	assert_non_null(blk);
	assert_int_equal(tbuf_finish(&tb, b->a, &blk->text), 0);
	tbuf_free(&tb);
	assert_int_equal(docb_finish(b), 0);
	return &b->doc;
}

/* Run the plugin alone on doc; the records of table "metrics". */
static json_t *run_plugin(const litx_doc *doc)
{
	litx_loaded one = { NULL, &litx_plugin_descriptor, (char *)"metrics" };
	litx_host h = { &one, 1 };
	void **st = litx_host_states_new(&h);
	assert_non_null(st);
	assert_non_null(st[0]);
	json_t *out = NULL;
	char *fail = NULL;
	assert_int_equal(litx_host_run(&h, st, doc, &out, &fail), 0);
	if (fail)
		print_error("plugin failed: %s\n", fail);
	assert_null(fail);
	litx_host_states_free(&h, st);
	json_t *m = json_object_get(out, "metrics");
	json_t *r = m ? json_incref(m) : json_array();
	json_decref(out);
	return r;
}

static int num_eq(double a, double b)
{
	return fabs(a - b) <= 1e-9 + 1e-6 * fabs(b);
}

/* "field=value;field=value": each field of rec must equal the value. */
static int checks_ok(const json_t *rec, const char *checks, char *why, size_t cap)
{
	if (!checks)
		return 1;
	char buf[512];
	snprintf(buf, sizeof buf, "%s", checks);
	char *save = NULL;
	for (char *kv = strtok_r(buf, ";", &save); kv; kv = strtok_r(NULL, ";", &save)) {
		char *eq = strchr(kv, '=');
		if (!eq)
			continue;
		*eq = '\0';
		const char *key = kv, *val = eq + 1;
		json_t *f = json_object_get(rec, key);
		if (json_is_number(f)) {
			if (!num_eq(json_number_value(f), strtod(val, NULL))) {
				snprintf(why, cap, "%s is %g, not %s", key, json_number_value(f), val);
				return 0;
			}
		} else if (json_is_string(f)) {
			if (strcmp(json_string_value(f), val)) {
				snprintf(why, cap, "%s is '%s', not '%s'", key, json_string_value(f), val);
				return 0;
			}
		} else if (json_is_array(f)) {
			/* refs: the first label */
			json_t *first = json_array_get(f, 0);
			if (!first || strcmp(json_string_value(first), val)) {
				snprintf(why, cap, "%s does not start with %s", key, val);
				return 0;
			}
		} else {
			snprintf(why, cap, "%s is missing (want %s)", key, val);
			return 0;
		}
	}
	return 1;
}

static int want_matches(const want *w, const json_t *rec, char *why, size_t cap)
{
	const char *metric = json_string_value(json_object_get(rec, "metric"));
	if (!metric || strcmp(metric, w->metric)) {
		snprintf(why, cap, "metric %s", metric ? metric : "(none)");
		return 0;
	}
	if (w->value != -1) {
		json_t *v = json_object_get(rec, "value");
		if (!json_is_number(v) || !num_eq(json_number_value(v), w->value)) {
			snprintf(why, cap, "value %g", json_is_number(v) ? json_number_value(v) : NAN);
			return 0;
		}
	}
	const char *unit = json_string_value(json_object_get(rec, "unit"));
	if (!unit || strcmp(unit, w->unit)) {
		snprintf(why, cap, "unit '%s'", unit ? unit : "(none)");
		return 0;
	}
	const char *cat = json_string_value(json_object_get(rec, "catalyst"));
	if (!w->catalyst ? cat != NULL : strcmp(w->catalyst, "*") && (!cat || strcmp(cat, w->catalyst))) {
		snprintf(why, cap, "catalyst '%s'", cat ? cat : "(none)");
		return 0;
	}
	return checks_ok(rec, w->checks, why, cap);
}

/* Run one case; print what differs. Returns 1 when it gives exactly its records. */
static int run_case(const tcase *c, const char *title)
{
	litx_doc *doc = make_doc(title, c->section, c->text);
	json_t *recs = run_plugin(doc);
	size_t n = json_array_size(recs);
	int ok = n == c->n, same_n = ok;
	char why[256] = "";
	for (size_t i = 0; same_n && i < n; i++) {
		json_t *r = json_array_get(recs, i);
		if (!want_matches(&c->w[i], r, why, sizeof why)) {
			print_error("case '%s', record %zu: %s\n", c->name, i, why);
			ok = 0;
		}
		/* every record is traceable */
		if (!json_is_integer(json_object_get(r, "line")) || !json_is_string(json_object_get(r, "snippet"))) {
			print_error("case '%s', record %zu: no line or snippet\n", c->name, i);
			ok = 0;
		}
	}
	if (!ok) {
		print_error("case '%s': want %zu records, got %zu:\n", c->name, c->n, n);
		for (size_t i = 0; i < n; i++) {
			char *d = json_dumps(json_array_get(recs, i), JSON_COMPACT);
			print_error("  %s\n", d ? d : "?");
			free(d);
		}
	}
	json_decref(recs);
	litx_doc_free(doc);
	return ok;
}

static void test_cases(void **st)
{
	(void)st;
	int failed = 0;
	for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++)
		failed += !run_case(&CASES[i], NULL);
	for (size_t i = 0; i < sizeof TITLED / sizeof *TITLED; i++)
		failed += !run_case(&TITLED[i].c, TITLED[i].title);
	assert_int_equal(failed, 0);
}

/* A table whose headers name the metrics and units (a corrosion study). */
static void test_table(void **st)
{
	(void)st;
	docb *b = docb_new("t.xml", LITX_FORMAT_JATS);
	assert_non_null(b);
	memcpy(b->doc.doc_id, "0123456789abcdef", 17);
	litx_table *t = docb_add_table(b);
	assert_non_null(t);
	static const char *const HEAD[] = { "", "\xCE\xB2_{a} (V/dec.)", "E_{corr} (V_{SCE})",
		"i_{corr} (A/cm^{2})", "Corrosion rate (mm/y)", "Applied current density (i_{app}, A/m^{2})" };
	static const char *const ROWS[][6] = {
		{ "Heat-affected zone", "0.084", "\xE2\x88\x92" "0.794", "4.304 \xC3\x97 10^{\xE2\x88\x92" "6}", "0.2", "14.45" },
		{ "Weld metal", "0.082", "\xE2\x88\x92" "0.807", "2.569 \xC3\x97 10^{\xE2\x88\x92" "6}", "\xE2\x80\x93", "14.45" },
	};
	t->n_cols = 6;
	t->n_head = 1;
	t->n_rows = 2;
	litx_text *head = docb_texts(b, 6), *cells = docb_texts(b, 12);
	assert_non_null(head);
	assert_non_null(cells);
	tbuf tb;
	tbuf_init(&tb);
	for (size_t c = 0; c < 6; c++) {
		put_markup(&tb, HEAD[c]);
		assert_int_equal(tbuf_finish(&tb, b->a, &head[c]), 0);
		for (size_t r = 0; r < 2; r++) {
			put_markup(&tb, ROWS[r][c]);
			assert_int_equal(tbuf_finish(&tb, b->a, &cells[r * 6 + c]), 0);
		}
	}
	tbuf_free(&tb);
	t->head = head;
	t->cells = cells;
	assert_int_equal(docb_finish(b), 0);
	json_t *recs = run_plugin(&b->doc);
	static const want W[] = {
		{ "tafel_slope", 84, "mV/dec", "Heat-affected zone", "unit_written=V/dec." },
		{ "corrosion_potential", -0.794, "V", "Heat-affected zone", "potential_scale=SCE" },
		{ "current_density", 4.304e-3, "mA/cm^2", "Heat-affected zone", NULL },
		{ "tafel_slope", 82, "mV/dec", "Weld metal", NULL },
		{ "corrosion_potential", -0.807, "V", "Weld metal", NULL },
		{ "current_density", 2.569e-3, "mA/cm^2", "Weld metal", NULL },
	};
	size_t n = json_array_size(recs);
	char why[256] = "";
	int ok = n == sizeof W / sizeof *W;
	for (size_t i = 0; ok && i < n; i++)
		if (!want_matches(&W[i], json_array_get(recs, i), why, sizeof why)) {
			print_error("table record %zu: %s\n", i, why);
			ok = 0;
		}
	if (!ok)
		for (size_t i = 0; i < n; i++) {
			char *d = json_dumps(json_array_get(recs, i), JSON_COMPACT);
			print_error("  %s\n", d ? d : "?");
			free(d);
		}
	json_decref(recs);
	litx_doc_free(&b->doc);
	assert_true(ok);
}

/* An electrocatalysis table: symbols with subscripts in the headers, a cell with
 * its own unit, empty and dash cells. */
static void test_table_catalysts(void **st)
{
	(void)st;
	docb *b = docb_new("t.txt", LITX_FORMAT_TEXT);
	assert_non_null(b);
	memcpy(b->doc.doc_id, "0123456789abcdef", 17);
	assert_non_null(docb_add_section(b, "3.2", "Au-based NCs in the oxygen evolution reaction", 2, 3, 30));
	litx_table *t = docb_add_table(b);
	assert_non_null(t);
	static const char *const HEAD[] = { "Catalyst", "\xCE\xB7_{10} (mV)", "Tafel slope (mV dec^{-1})",
		"FE_{CO} (%)", "TOF (h^{-1})" };
	static const char *const ROWS[][5] = {
		{ "Au25/C", "320", "75", "95.2", "3600" },
		{ "Pt1Au24/C", "0.28 V", "62", "\xE2\x80\x93", "" },
	};
	t->n_cols = 5;
	t->n_head = 1;
	t->n_rows = 2;
	litx_text *head = docb_texts(b, 5), *cells = docb_texts(b, 10);
	assert_non_null(head);
	assert_non_null(cells);
	tbuf tb;
	tbuf_init(&tb);
	for (size_t c = 0; c < 5; c++) {
		put_markup(&tb, HEAD[c]);
		assert_int_equal(tbuf_finish(&tb, b->a, &head[c]), 0);
		for (size_t r = 0; r < 2; r++) {
			put_markup(&tb, ROWS[r][c]);
			assert_int_equal(tbuf_finish(&tb, b->a, &cells[r * 5 + c]), 0);
		}
	}
	tbuf_free(&tb);
	t->head = head;
	t->cells = cells;
	assert_int_equal(docb_finish(b), 0);
	json_t *recs = run_plugin(&b->doc);
	static const want W[] = {
		{ "overpotential", 320, "mV", "Au25/C", "at_current_density=10;reaction=OER" },
		{ "tafel_slope", 75, "mV/dec", "Au25/C", NULL },
		{ "faradaic_efficiency", 95.2, "%", "Au25/C", "product=CO" },
		{ "turnover_frequency", 1, "s^-1", "Au25/C", "unit_written=h-1" },
		{ "overpotential", 280, "mV", "Pt1Au24/C", "unit_written=V" },
		{ "tafel_slope", 62, "mV/dec", "Pt1Au24/C", NULL },
	};
	size_t n = json_array_size(recs);
	char why[256] = "";
	int ok = n == sizeof W / sizeof *W;
	for (size_t i = 0; ok && i < n; i++)
		if (!want_matches(&W[i], json_array_get(recs, i), why, sizeof why)) {
			print_error("table record %zu: %s\n", i, why);
			ok = 0;
		}
	if (!ok)
		for (size_t i = 0; i < n; i++) {
			char *d = json_dumps(json_array_get(recs, i), JSON_COMPACT);
			print_error("  %s\n", d ? d : "?");
			free(d);
		}
	json_decref(recs);
	litx_doc_free(&b->doc);
	assert_true(ok);
}

/* A plugin never reads out of its text: every prefix of every case. */
static void test_prefixes(void **st)
{
	(void)st;
	for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
		size_t len = strlen(CASES[i].text);
		for (size_t cut = 1; cut < len; cut += 7) {
			char buf[2048];
			assert_true(cut < sizeof buf);
			memcpy(buf, CASES[i].text, cut);
			buf[cut] = '\0';
			/* do not cut the markup in half */
			char *u = strrchr(buf, '{'), *v = strrchr(buf, '}');
			if (u && (!v || v < u))
				*u = '\0';
			u = strstr(buf, "[[");
			if (u && !strstr(u, "]]"))
				*u = '\0';
			/* nor a UTF-8 sequence */
			size_t l = strlen(buf);
			while (l && ((unsigned char)buf[l - 1] & 0xC0) == 0x80)
				l--;
			if (l && (unsigned char)buf[l - 1] >= 0xC0)
				l--;
			buf[l] = '\0';
			litx_doc *doc = make_doc(NULL, NULL, buf);
			json_decref(run_plugin(doc));
			litx_doc_free(doc);
		}
	}
}

/* Paragraphs shuffled from the words of all cases: whatever comes out is a
 * well-formed record (a metric, a finite value or range, a located snippet). */
static void test_soup(void **unused)
{
	(void)unused;
	static char words[4096][48];
	size_t nw = 0;
	for (size_t i = 0; i < sizeof CASES / sizeof *CASES && nw < 4096; i++) {
		const char *p = CASES[i].text;
		while (*p && nw < 4096) {
			while (*p == ' ')
				p++;
			const char *e = p;
			while (*e && *e != ' ')
				e++;
			size_t n = (size_t)(e - p);
			/* keep markup whole: skip words that open and do not close it */
			if (n && n < sizeof words[0] && !(memchr(p, '{', n) && !memchr(p, '}', n)) &&
			    !(memchr(p, '[', n) && !memchr(p, ']', n))) {
				memcpy(words[nw], p, n);
				words[nw++][n] = '\0';
			}
			p = e;
		}
	}
	unsigned long seed = 7;
	for (int round = 0; round < 300; round++) {
		char para[4096];
		size_t len = 0;
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		int k = 20 + (int)((seed >> 33) % 60);
		for (int j = 0; j < k; j++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			const char *w = words[(seed >> 33) % nw];
			size_t wl = strlen(w);
			if (len + wl + 2 >= sizeof para)
				break;
			if (len)
				para[len++] = ' ';
			memcpy(para + len, w, wl);
			len += wl;
		}
		para[len] = '\0';
		litx_doc *doc = make_doc(NULL, NULL, para);
		json_t *recs = run_plugin(doc);
		size_t i;
		json_t *r;
		json_array_foreach(recs, i, r) {
			assert_non_null(json_string_value(json_object_get(r, "metric")));
			json_t *v = json_object_get(r, "value");
			assert_true(json_is_real(v) || (json_is_null(v) && json_is_real(json_object_get(r, "value_min"))));
			assert_true(json_is_integer(json_object_get(r, "line")));
		}
		json_decref(recs);
		litx_doc_free(doc);
	}
}

/* The keyword prefilter (word heads) finds exactly what the patterns find when
 * run at every byte: over every case and over the seed article when present. */
static void compare_scans(mx_state *st, const char *s, size_t len)
{
	for (int which = 0; which < 2; which++) {
		st->full_scan = 1;
		assert_int_equal(which ? mx_scan_reactions(st, s, len) : mx_scan_keywords(st, s, len), 0);
		MX_VEC(mx_hit) full = { NULL, 0, 0 };
		mx_hit *src = which ? st->rhits.v : st->hits.v;
		size_t n = which ? st->rhits.n : st->hits.n;
		full.v = malloc((n ? n : 1) * sizeof *full.v);
		assert_non_null(full.v);
		if (n)
			memcpy(full.v, src, n * sizeof *full.v);
		full.n = n;
		st->full_scan = 0;
		assert_int_equal(which ? mx_scan_reactions(st, s, len) : mx_scan_keywords(st, s, len), 0);
		src = which ? st->rhits.v : st->hits.v;
		n = which ? st->rhits.n : st->hits.n;
		for (size_t i = 0; i < full.n || i < n; i++) {
			if (i < full.n && i < n && full.v[i].start == src[i].start &&
			    full.v[i].end == src[i].end && full.v[i].rule == src[i].rule)
				continue;
			size_t at = i < full.n ? full.v[i].start : src[i].start;
			print_error("%s scan differs at hit %zu: '%.40s'\n", which ? "reaction" : "keyword",
				    i, s + at);
			fail();
		}
		free(full.v);
	}
}

static void test_prefilter(void **unused)
{
	(void)unused;
	void *state = NULL;
	assert_int_equal(litx_plugin_descriptor.init(&state), 0);
	mx_state *st = state;
	for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++)
		compare_scans(st, CASES[i].text, strlen(CASES[i].text));
	for (size_t i = 0; i < sizeof TITLED / sizeof *TITLED; i++)
		compare_scans(st, TITLED[i].title, strlen(TITLED[i].title));
	const char *src = getenv("LITX_SRCDIR");
	char path[4096];
	snprintf(path, sizeof path, "%s/corpus/seed/000_a1e4a42852dd861f.txt", src ? src : ".");
	FILE *f = fopen(path, "rb");
	if (f) {
		static char buf[1 << 20];
		size_t n = fread(buf, 1, sizeof buf - 1, f);
		fclose(f);
		buf[n] = '\0';
		compare_scans(st, buf, n);
	}
	litx_plugin_descriptor.fini(state);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_table_catalysts),
		cmocka_unit_test(test_prefixes),
		cmocka_unit_test(test_prefilter),
		cmocka_unit_test(test_soup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
