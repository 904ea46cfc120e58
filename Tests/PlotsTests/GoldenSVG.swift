// Written by GoldenTests.record (PLOTS_RECORD_GOLDEN=1); see GoldenCharts.swift.
let goldenSVG: [String: String] = [
    "rank": ##"""
<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="720" height="440" viewBox="0 0 720 440" font-family="sans-serif">
<title>Local rank over training</title>
<rect class="background" x="0" y="0" width="720" height="440" fill="white"/>
<defs><clipPath id="c-plot-area"><rect x="55.62" y="39" width="557.88" height="354.5"/></clipPath></defs>
<text class="title" x="334.56" y="24.25" text-anchor="middle" font-size="15" font-weight="bold" fill="#111111">Local rank over training</text>
<g class="grid" stroke="#e8e8e8" stroke-width="1">
<line x1="59.62" y1="389.5" x2="609.5" y2="389.5"/>
<line x1="59.62" y1="297.31" x2="609.5" y2="297.31"/>
<line x1="59.62" y1="205.12" x2="609.5" y2="205.12"/>
<line x1="59.62" y1="112.94" x2="609.5" y2="112.94"/>
<line x1="67.62" y1="43" x2="67.62" y2="389.5"/>
<line x1="100.61" y1="43" x2="100.61" y2="389.5"/>
<line x1="200.79" y1="43" x2="200.79" y2="389.5"/>
<line x1="300.97" y1="43" x2="300.97" y2="389.5"/>
<line x1="401.15" y1="43" x2="401.15" y2="389.5"/>
<line x1="501.32" y1="43" x2="501.32" y2="389.5"/>
<line x1="601.5" y1="43" x2="601.5" y2="389.5"/>
</g>
<path class="series" data-label="layer 0" fill="none" stroke="#0072B2" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#c-plot-area)" d="M67.62 57.63L100.61 57.63L130.77 57.64L148.41 57.65L170.63 57.67L178.57 57.69L191.08 57.71L204.94 57.76L218.43 57.83L233.07 57.94L245.59 58.09L258.87 58.32L271.67 58.64L285.45 59.16L298.28 59.87L311.37 60.93L324.81 62.53L337.95 64.82L351.03 68.11L364.22 72.84L377.45 79.5L390.61 88.59L403.76 100.64L416.95 115.97L430.13 134.41L443.33 155.22L456.51 176.97L469.69 198.06L482.87 217.05L496.05 233.04L509.23 245.75L522.41 255.41L535.59 262.49L548.78 267.56L561.96 271.12L575.14 273.59L588.32 275.29L601.5 276.44"/>
<g class="markers" fill="#0072B2" clip-path="url(#c-plot-area)"><circle cx="67.62" cy="57.63" r="2.6"/><circle cx="100.61" cy="57.63" r="2.6"/><circle cx="130.77" cy="57.64" r="2.6"/><circle cx="148.41" cy="57.65" r="2.6"/><circle cx="170.63" cy="57.67" r="2.6"/><circle cx="178.57" cy="57.69" r="2.6"/><circle cx="191.08" cy="57.71" r="2.6"/><circle cx="204.94" cy="57.76" r="2.6"/><circle cx="218.43" cy="57.83" r="2.6"/><circle cx="233.07" cy="57.94" r="2.6"/><circle cx="245.59" cy="58.09" r="2.6"/><circle cx="258.87" cy="58.32" r="2.6"/><circle cx="271.67" cy="58.64" r="2.6"/><circle cx="285.45" cy="59.16" r="2.6"/><circle cx="298.28" cy="59.87" r="2.6"/><circle cx="311.37" cy="60.93" r="2.6"/><circle cx="324.81" cy="62.53" r="2.6"/><circle cx="337.95" cy="64.82" r="2.6"/><circle cx="351.03" cy="68.11" r="2.6"/><circle cx="364.22" cy="72.84" r="2.6"/><circle cx="377.45" cy="79.5" r="2.6"/><circle cx="390.61" cy="88.59" r="2.6"/><circle cx="403.76" cy="100.64" r="2.6"/><circle cx="416.95" cy="115.97" r="2.6"/><circle cx="430.13" cy="134.41" r="2.6"/><circle cx="443.33" cy="155.22" r="2.6"/><circle cx="456.51" cy="176.97" r="2.6"/><circle cx="469.69" cy="198.06" r="2.6"/><circle cx="482.87" cy="217.05" r="2.6"/><circle cx="496.05" cy="233.04" r="2.6"/><circle cx="509.23" cy="245.75" r="2.6"/><circle cx="522.41" cy="255.41" r="2.6"/><circle cx="535.59" cy="262.49" r="2.6"/><circle cx="548.78" cy="267.56" r="2.6"/><circle cx="561.96" cy="271.12" r="2.6"/><circle cx="575.14" cy="273.59" r="2.6"/><circle cx="588.32" cy="275.29" r="2.6"/><circle cx="601.5" cy="276.44" r="2.6"/></g>
<path class="series" data-label="layer 1" fill="none" stroke="#E69F00" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#c-plot-area)" d="M67.62 76.07L100.61 76.07L130.77 76.07L148.41 76.09L170.63 76.11L178.57 76.12L191.08 76.15L204.94 76.2L218.43 76.27L233.07 76.38L245.59 76.53L258.87 76.75L271.67 77.08L285.45 77.59L298.28 78.3L311.37 79.37L324.81 80.97L337.95 83.26L351.03 86.54L364.22 91.28L377.45 97.94L390.61 107.03L403.76 119.07L416.95 134.41L430.13 152.85L443.33 173.66L456.51 195.41L469.69 216.5L482.87 235.49L496.05 251.48L509.23 264.19L522.41 273.84L535.59 280.93L548.78 286L561.96 289.56L575.14 292.03L588.32 293.72L601.5 294.88"/>
<g class="markers" fill="#E69F00" clip-path="url(#c-plot-area)"><circle cx="67.62" cy="76.07" r="2.6"/><circle cx="100.61" cy="76.07" r="2.6"/><circle cx="130.77" cy="76.07" r="2.6"/><circle cx="148.41" cy="76.09" r="2.6"/><circle cx="170.63" cy="76.11" r="2.6"/><circle cx="178.57" cy="76.12" r="2.6"/><circle cx="191.08" cy="76.15" r="2.6"/><circle cx="204.94" cy="76.2" r="2.6"/><circle cx="218.43" cy="76.27" r="2.6"/><circle cx="233.07" cy="76.38" r="2.6"/><circle cx="245.59" cy="76.53" r="2.6"/><circle cx="258.87" cy="76.75" r="2.6"/><circle cx="271.67" cy="77.08" r="2.6"/><circle cx="285.45" cy="77.59" r="2.6"/><circle cx="298.28" cy="78.3" r="2.6"/><circle cx="311.37" cy="79.37" r="2.6"/><circle cx="324.81" cy="80.97" r="2.6"/><circle cx="337.95" cy="83.26" r="2.6"/><circle cx="351.03" cy="86.54" r="2.6"/><circle cx="364.22" cy="91.28" r="2.6"/><circle cx="377.45" cy="97.94" r="2.6"/><circle cx="390.61" cy="107.03" r="2.6"/><circle cx="403.76" cy="119.07" r="2.6"/><circle cx="416.95" cy="134.41" r="2.6"/><circle cx="430.13" cy="152.85" r="2.6"/><circle cx="443.33" cy="173.66" r="2.6"/><circle cx="456.51" cy="195.41" r="2.6"/><circle cx="469.69" cy="216.5" r="2.6"/><circle cx="482.87" cy="235.49" r="2.6"/><circle cx="496.05" cy="251.48" r="2.6"/><circle cx="509.23" cy="264.19" r="2.6"/><circle cx="522.41" cy="273.84" r="2.6"/><circle cx="535.59" cy="280.93" r="2.6"/><circle cx="548.78" cy="286" r="2.6"/><circle cx="561.96" cy="289.56" r="2.6"/><circle cx="575.14" cy="292.03" r="2.6"/><circle cx="588.32" cy="293.72" r="2.6"/><circle cx="601.5" cy="294.88" r="2.6"/></g>
<path class="series" data-label="layer 2" fill="none" stroke="#009E73" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#c-plot-area)" d="M67.62 94.5L100.61 94.5L130.77 94.51L148.41 94.52L170.63 94.55L178.57 94.56L191.08 94.59L204.94 94.64L218.43 94.7L233.07 94.82L245.59 94.96L258.87 95.19L271.67 95.52L285.45 96.03L298.28 96.74L311.37 97.8L324.81 99.41L337.95 101.7L351.03 104.98L364.22 109.71L377.45 116.38L390.61 125.47L403.76 137.51L416.95 152.85L430.13 171.29L443.33 192.09L456.51 213.85L469.69 234.94L482.87 253.93L496.05 269.92L509.23 282.63L522.41 292.28L535.59 299.37L548.78 304.44L561.96 308L575.14 310.47L588.32 312.16L601.5 313.32"/>
<g class="markers" fill="#009E73" clip-path="url(#c-plot-area)"><circle cx="67.62" cy="94.5" r="2.6"/><circle cx="100.61" cy="94.5" r="2.6"/><circle cx="130.77" cy="94.51" r="2.6"/><circle cx="148.41" cy="94.52" r="2.6"/><circle cx="170.63" cy="94.55" r="2.6"/><circle cx="178.57" cy="94.56" r="2.6"/><circle cx="191.08" cy="94.59" r="2.6"/><circle cx="204.94" cy="94.64" r="2.6"/><circle cx="218.43" cy="94.7" r="2.6"/><circle cx="233.07" cy="94.82" r="2.6"/><circle cx="245.59" cy="94.96" r="2.6"/><circle cx="258.87" cy="95.19" r="2.6"/><circle cx="271.67" cy="95.52" r="2.6"/><circle cx="285.45" cy="96.03" r="2.6"/><circle cx="298.28" cy="96.74" r="2.6"/><circle cx="311.37" cy="97.8" r="2.6"/><circle cx="324.81" cy="99.41" r="2.6"/><circle cx="337.95" cy="101.7" r="2.6"/><circle cx="351.03" cy="104.98" r="2.6"/><circle cx="364.22" cy="109.71" r="2.6"/><circle cx="377.45" cy="116.38" r="2.6"/><circle cx="390.61" cy="125.47" r="2.6"/><circle cx="403.76" cy="137.51" r="2.6"/><circle cx="416.95" cy="152.85" r="2.6"/><circle cx="430.13" cy="171.29" r="2.6"/><circle cx="443.33" cy="192.09" r="2.6"/><circle cx="456.51" cy="213.85" r="2.6"/><circle cx="469.69" cy="234.94" r="2.6"/><circle cx="482.87" cy="253.93" r="2.6"/><circle cx="496.05" cy="269.92" r="2.6"/><circle cx="509.23" cy="282.63" r="2.6"/><circle cx="522.41" cy="292.28" r="2.6"/><circle cx="535.59" cy="299.37" r="2.6"/><circle cx="548.78" cy="304.44" r="2.6"/><circle cx="561.96" cy="308" r="2.6"/><circle cx="575.14" cy="310.47" r="2.6"/><circle cx="588.32" cy="312.16" r="2.6"/><circle cx="601.5" cy="313.32" r="2.6"/></g>
<path class="series" data-label="layer 3" fill="none" stroke="#D55E00" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#c-plot-area)" d="M67.62 112.94L100.61 112.94L130.77 112.95L148.41 112.96L170.63 112.98L178.57 113L191.08 113.03L204.94 113.07L218.43 113.14L233.07 113.26L245.59 113.4L258.87 113.63L271.67 113.95L285.45 114.47L298.28 115.18L311.37 116.24L324.81 117.84L337.95 120.13L351.03 123.42L364.22 128.15L377.45 134.81L390.61 143.91L403.76 155.95L416.95 171.28L430.13 189.73L443.33 210.53L456.51 232.28L469.69 253.37L482.87 272.36L496.05 288.35L509.23 301.06L522.41 310.72L535.59 317.81L548.78 322.88L561.96 326.44L575.14 328.9L588.32 330.6L601.5 331.76"/>
<g class="markers" fill="#D55E00" clip-path="url(#c-plot-area)"><circle cx="67.62" cy="112.94" r="2.6"/><circle cx="100.61" cy="112.94" r="2.6"/><circle cx="130.77" cy="112.95" r="2.6"/><circle cx="148.41" cy="112.96" r="2.6"/><circle cx="170.63" cy="112.98" r="2.6"/><circle cx="178.57" cy="113" r="2.6"/><circle cx="191.08" cy="113.03" r="2.6"/><circle cx="204.94" cy="113.07" r="2.6"/><circle cx="218.43" cy="113.14" r="2.6"/><circle cx="233.07" cy="113.26" r="2.6"/><circle cx="245.59" cy="113.4" r="2.6"/><circle cx="258.87" cy="113.63" r="2.6"/><circle cx="271.67" cy="113.95" r="2.6"/><circle cx="285.45" cy="114.47" r="2.6"/><circle cx="298.28" cy="115.18" r="2.6"/><circle cx="311.37" cy="116.24" r="2.6"/><circle cx="324.81" cy="117.84" r="2.6"/><circle cx="337.95" cy="120.13" r="2.6"/><circle cx="351.03" cy="123.42" r="2.6"/><circle cx="364.22" cy="128.15" r="2.6"/><circle cx="377.45" cy="134.81" r="2.6"/><circle cx="390.61" cy="143.91" r="2.6"/><circle cx="403.76" cy="155.95" r="2.6"/><circle cx="416.95" cy="171.28" r="2.6"/><circle cx="430.13" cy="189.73" r="2.6"/><circle cx="443.33" cy="210.53" r="2.6"/><circle cx="456.51" cy="232.28" r="2.6"/><circle cx="469.69" cy="253.37" r="2.6"/><circle cx="482.87" cy="272.36" r="2.6"/><circle cx="496.05" cy="288.35" r="2.6"/><circle cx="509.23" cy="301.06" r="2.6"/><circle cx="522.41" cy="310.72" r="2.6"/><circle cx="535.59" cy="317.81" r="2.6"/><circle cx="548.78" cy="322.88" r="2.6"/><circle cx="561.96" cy="326.44" r="2.6"/><circle cx="575.14" cy="328.9" r="2.6"/><circle cx="588.32" cy="330.6" r="2.6"/><circle cx="601.5" cy="331.76" r="2.6"/></g>
<path class="series" data-label="layer 4" fill="none" stroke="#CC79A7" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#c-plot-area)" d="M67.62 131.38L100.61 131.38L130.77 131.39L148.41 131.4L170.63 131.42L178.57 131.44L191.08 131.46L204.94 131.51L218.43 131.58L233.07 131.69L245.59 131.84L258.87 132.07L271.67 132.39L285.45 132.91L298.28 133.62L311.37 134.68L324.81 136.28L337.95 138.57L351.03 141.86L364.22 146.59L377.45 153.25L390.61 162.35L403.76 174.39L416.95 189.72L430.13 208.16L443.33 228.97L456.51 250.72L469.69 271.81L482.87 290.8L496.05 306.79L509.23 319.5L522.41 329.16L535.59 336.24L548.78 341.31L561.96 344.87L575.14 347.34L588.32 349.04L601.5 350.19"/>
<g class="markers" fill="#CC79A7" clip-path="url(#c-plot-area)"><circle cx="67.62" cy="131.38" r="2.6"/><circle cx="100.61" cy="131.38" r="2.6"/><circle cx="130.77" cy="131.39" r="2.6"/><circle cx="148.41" cy="131.4" r="2.6"/><circle cx="170.63" cy="131.42" r="2.6"/><circle cx="178.57" cy="131.44" r="2.6"/><circle cx="191.08" cy="131.46" r="2.6"/><circle cx="204.94" cy="131.51" r="2.6"/><circle cx="218.43" cy="131.58" r="2.6"/><circle cx="233.07" cy="131.69" r="2.6"/><circle cx="245.59" cy="131.84" r="2.6"/><circle cx="258.87" cy="132.07" r="2.6"/><circle cx="271.67" cy="132.39" r="2.6"/><circle cx="285.45" cy="132.91" r="2.6"/><circle cx="298.28" cy="133.62" r="2.6"/><circle cx="311.37" cy="134.68" r="2.6"/><circle cx="324.81" cy="136.28" r="2.6"/><circle cx="337.95" cy="138.57" r="2.6"/><circle cx="351.03" cy="141.86" r="2.6"/><circle cx="364.22" cy="146.59" r="2.6"/><circle cx="377.45" cy="153.25" r="2.6"/><circle cx="390.61" cy="162.35" r="2.6"/><circle cx="403.76" cy="174.39" r="2.6"/><circle cx="416.95" cy="189.72" r="2.6"/><circle cx="430.13" cy="208.16" r="2.6"/><circle cx="443.33" cy="228.97" r="2.6"/><circle cx="456.51" cy="250.72" r="2.6"/><circle cx="469.69" cy="271.81" r="2.6"/><circle cx="482.87" cy="290.8" r="2.6"/><circle cx="496.05" cy="306.79" r="2.6"/><circle cx="509.23" cy="319.5" r="2.6"/><circle cx="522.41" cy="329.16" r="2.6"/><circle cx="535.59" cy="336.24" r="2.6"/><circle cx="548.78" cy="341.31" r="2.6"/><circle cx="561.96" cy="344.87" r="2.6"/><circle cx="575.14" cy="347.34" r="2.6"/><circle cx="588.32" cy="349.04" r="2.6"/><circle cx="601.5" cy="350.19" r="2.6"/></g>
<rect class="frame" x="59.62" y="43" width="549.88" height="346.5" fill="none" stroke="#333333" stroke-width="1"/>
<g class="ticks" stroke="#333333" stroke-width="1">
<line x1="67.62" y1="389.5" x2="67.62" y2="394.5"/>
<line x1="100.61" y1="389.5" x2="100.61" y2="394.5"/>
<line x1="200.79" y1="389.5" x2="200.79" y2="394.5"/>
<line x1="300.97" y1="389.5" x2="300.97" y2="394.5"/>
<line x1="401.15" y1="389.5" x2="401.15" y2="394.5"/>
<line x1="501.32" y1="389.5" x2="501.32" y2="394.5"/>
<line x1="601.5" y1="389.5" x2="601.5" y2="394.5"/>
<line x1="130.77" y1="389.5" x2="130.77" y2="392.5"/>
<line x1="148.41" y1="389.5" x2="148.41" y2="392.5"/>
<line x1="160.93" y1="389.5" x2="160.93" y2="392.5"/>
<line x1="170.63" y1="389.5" x2="170.63" y2="392.5"/>
<line x1="178.57" y1="389.5" x2="178.57" y2="392.5"/>
<line x1="185.27" y1="389.5" x2="185.27" y2="392.5"/>
<line x1="191.08" y1="389.5" x2="191.08" y2="392.5"/>
<line x1="196.21" y1="389.5" x2="196.21" y2="392.5"/>
<line x1="230.95" y1="389.5" x2="230.95" y2="392.5"/>
<line x1="248.59" y1="389.5" x2="248.59" y2="392.5"/>
<line x1="261.1" y1="389.5" x2="261.1" y2="392.5"/>
<line x1="270.81" y1="389.5" x2="270.81" y2="392.5"/>
<line x1="278.74" y1="389.5" x2="278.74" y2="392.5"/>
<line x1="285.45" y1="389.5" x2="285.45" y2="392.5"/>
<line x1="291.26" y1="389.5" x2="291.26" y2="392.5"/>
<line x1="296.38" y1="389.5" x2="296.38" y2="392.5"/>
<line x1="331.12" y1="389.5" x2="331.12" y2="392.5"/>
<line x1="348.76" y1="389.5" x2="348.76" y2="392.5"/>
<line x1="361.28" y1="389.5" x2="361.28" y2="392.5"/>
<line x1="370.99" y1="389.5" x2="370.99" y2="392.5"/>
<line x1="378.92" y1="389.5" x2="378.92" y2="392.5"/>
<line x1="385.63" y1="389.5" x2="385.63" y2="392.5"/>
<line x1="391.44" y1="389.5" x2="391.44" y2="392.5"/>
<line x1="396.56" y1="389.5" x2="396.56" y2="392.5"/>
<line x1="431.3" y1="389.5" x2="431.3" y2="392.5"/>
<line x1="448.94" y1="389.5" x2="448.94" y2="392.5"/>
<line x1="461.46" y1="389.5" x2="461.46" y2="392.5"/>
<line x1="471.17" y1="389.5" x2="471.17" y2="392.5"/>
<line x1="479.1" y1="389.5" x2="479.1" y2="392.5"/>
<line x1="485.8" y1="389.5" x2="485.8" y2="392.5"/>
<line x1="491.61" y1="389.5" x2="491.61" y2="392.5"/>
<line x1="496.74" y1="389.5" x2="496.74" y2="392.5"/>
<line x1="531.48" y1="389.5" x2="531.48" y2="392.5"/>
<line x1="549.12" y1="389.5" x2="549.12" y2="392.5"/>
<line x1="561.64" y1="389.5" x2="561.64" y2="392.5"/>
<line x1="571.34" y1="389.5" x2="571.34" y2="392.5"/>
<line x1="579.28" y1="389.5" x2="579.28" y2="392.5"/>
<line x1="585.98" y1="389.5" x2="585.98" y2="392.5"/>
<line x1="591.79" y1="389.5" x2="591.79" y2="392.5"/>
<line x1="596.92" y1="389.5" x2="596.92" y2="392.5"/>
<line x1="54.62" y1="389.5" x2="59.62" y2="389.5"/>
<line x1="54.62" y1="297.31" x2="59.62" y2="297.31"/>
<line x1="54.62" y1="205.12" x2="59.62" y2="205.12"/>
<line x1="54.62" y1="112.94" x2="59.62" y2="112.94"/>
</g>
<g class="x-tick-labels" font-size="11" fill="#333333" text-anchor="middle">
<text x="67.62" y="406.3">0</text>
<text x="100.61" y="406.3">1</text>
<text x="200.79" y="406.3">10</text>
<text x="300.97" y="406.3">100</text>
<text x="401.15" y="406.3">1k</text>
<text x="501.32" y="406.3">10k</text>
<text x="601.5" y="406.3">100k</text>
</g>
<g class="y-tick-labels" font-size="11" fill="#333333" text-anchor="end">
<text x="51.62" y="393.35">0</text>
<text x="51.62" y="301.16">50</text>
<text x="51.62" y="208.97">100</text>
<text x="51.62" y="116.79">150</text>
</g>
<g class="axis-break"><rect x="80.62" y="384.5" width="7" height="10" fill="white"/><line x1="78.62" y1="393.5" x2="82.62" y2="385.5" stroke="#333333" stroke-width="1"/><line x1="85.62" y1="393.5" x2="89.62" y2="385.5" stroke="#333333" stroke-width="1"/></g>
<text class="x-label" x="334.56" y="427.5" text-anchor="middle" font-size="12.5" fill="#111111">training step</text>
<text class="y-label" x="20" y="216.25" transform="rotate(-90 20 216.25)" text-anchor="middle" font-size="12.5" fill="#111111">local rank</text>
<g class="legend" font-size="11" fill="#222222">
<rect x="623.5" y="43" width="86.5" height="93" rx="3" fill="white" stroke="#cccccc" stroke-width="1"/>
<line x1="631.5" y1="55.5" x2="657.5" y2="55.5" stroke="#0072B2" stroke-width="1.8"/><circle cx="644.5" cy="55.5" r="2.6" fill="#0072B2"/><text x="663.5" y="59.35">layer 0</text>
<line x1="631.5" y1="72.5" x2="657.5" y2="72.5" stroke="#E69F00" stroke-width="1.8"/><circle cx="644.5" cy="72.5" r="2.6" fill="#E69F00"/><text x="663.5" y="76.35">layer 1</text>
<line x1="631.5" y1="89.5" x2="657.5" y2="89.5" stroke="#009E73" stroke-width="1.8"/><circle cx="644.5" cy="89.5" r="2.6" fill="#009E73"/><text x="663.5" y="93.35">layer 2</text>
<line x1="631.5" y1="106.5" x2="657.5" y2="106.5" stroke="#D55E00" stroke-width="1.8"/><circle cx="644.5" cy="106.5" r="2.6" fill="#D55E00"/><text x="663.5" y="110.35">layer 3</text>
<line x1="631.5" y1="123.5" x2="657.5" y2="123.5" stroke="#CC79A7" stroke-width="1.8"/><circle cx="644.5" cy="123.5" r="2.6" fill="#CC79A7"/><text x="663.5" y="127.35">layer 4</text>
</g>
</svg>

"""##,
    "beta": ##"""
<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="720" height="440" viewBox="0 0 720 440" font-family="sans-serif">
<title>Local rank and accuracy against β</title>
<rect class="background" x="0" y="0" width="720" height="440" fill="white"/>
<defs><clipPath id="c-plot-area"><rect x="51.88" y="59" width="411.57" height="334.5"/></clipPath></defs>
<text class="title" x="257.67" y="24.25" text-anchor="middle" font-size="15" font-weight="bold" fill="#111111">Local rank and accuracy against β</text>
<g class="grid" stroke="#e8e8e8" stroke-width="1">
<line x1="55.88" y1="389.5" x2="459.45" y2="389.5"/>
<line x1="55.88" y1="284.18" x2="459.45" y2="284.18"/>
<line x1="55.88" y1="178.85" x2="459.45" y2="178.85"/>
<line x1="55.88" y1="73.53" x2="459.45" y2="73.53"/>
<line x1="63.88" y1="63" x2="63.88" y2="389.5"/>
<line x1="141.39" y1="63" x2="141.39" y2="389.5"/>
<line x1="218.91" y1="63" x2="218.91" y2="389.5"/>
<line x1="296.42" y1="63" x2="296.42" y2="389.5"/>
<line x1="373.94" y1="63" x2="373.94" y2="389.5"/>
<line x1="451.45" y1="63" x2="451.45" y2="389.5"/>
</g>
<g class="marks" stroke="#888888" stroke-width="1.1" stroke-dasharray="5 3">
<line x1="273.09" y1="63" x2="273.09" y2="389.5"/>
<line x1="319.76" y1="63" x2="319.76" y2="389.5"/>
</g>
<path class="series" data-label="layer 1" fill="none" stroke="#0072B2" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#c-plot-area)" d="M63.88 73.53L80.03 73.53L96.18 73.53L112.33 73.53L128.48 73.53L144.62 73.53L160.77 73.53L176.92 73.53L193.07 73.53L209.22 73.53L225.37 73.53L241.52 73.53L257.67 73.53L273.81 284.18L289.96 284.18L306.11 284.18L322.26 284.18L338.41 284.18L354.56 284.18L370.71 284.18L386.86 284.18L403 284.18L419.15 284.18L435.3 284.18L451.45 284.18"/>
<g class="markers" fill="#0072B2" clip-path="url(#c-plot-area)"><circle cx="63.88" cy="73.53" r="2.6"/><circle cx="80.03" cy="73.53" r="2.6"/><circle cx="96.18" cy="73.53" r="2.6"/><circle cx="112.33" cy="73.53" r="2.6"/><circle cx="128.48" cy="73.53" r="2.6"/><circle cx="144.62" cy="73.53" r="2.6"/><circle cx="160.77" cy="73.53" r="2.6"/><circle cx="176.92" cy="73.53" r="2.6"/><circle cx="193.07" cy="73.53" r="2.6"/><circle cx="209.22" cy="73.53" r="2.6"/><circle cx="225.37" cy="73.53" r="2.6"/><circle cx="241.52" cy="73.53" r="2.6"/><circle cx="257.67" cy="73.53" r="2.6"/><circle cx="273.81" cy="284.18" r="2.6"/><circle cx="289.96" cy="284.18" r="2.6"/><circle cx="306.11" cy="284.18" r="2.6"/><circle cx="322.26" cy="284.18" r="2.6"/><circle cx="338.41" cy="284.18" r="2.6"/><circle cx="354.56" cy="284.18" r="2.6"/><circle cx="370.71" cy="284.18" r="2.6"/><circle cx="386.86" cy="284.18" r="2.6"/><circle cx="403" cy="284.18" r="2.6"/><circle cx="419.15" cy="284.18" r="2.6"/><circle cx="435.3" cy="284.18" r="2.6"/><circle cx="451.45" cy="284.18" r="2.6"/></g>
<path class="series secondary" data-label="test accuracy (right axis)" fill="none" stroke="#E69F00" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" stroke-dasharray="6 3.5" clip-path="url(#c-plot-area)" d="M63.88 78.4L80.03 78.59L96.18 78.9L112.33 79.4L128.48 80.2L144.62 81.48L160.77 83.53L176.92 86.79L193.07 91.9L209.22 99.81L225.37 111.74L241.52 129.07L257.67 152.91L273.81 183.39L289.96 218.9L306.11 256.05L322.26 290.78L338.41 320L354.56 342.48L370.71 358.62L386.86 369.64L403 376.9L419.15 381.58L435.3 384.55L451.45 386.42"/>
<g class="markers" fill="#E69F00" clip-path="url(#c-plot-area)"><circle cx="63.88" cy="78.4" r="2.6"/><circle cx="80.03" cy="78.59" r="2.6"/><circle cx="96.18" cy="78.9" r="2.6"/><circle cx="112.33" cy="79.4" r="2.6"/><circle cx="128.48" cy="80.2" r="2.6"/><circle cx="144.62" cy="81.48" r="2.6"/><circle cx="160.77" cy="83.53" r="2.6"/><circle cx="176.92" cy="86.79" r="2.6"/><circle cx="193.07" cy="91.9" r="2.6"/><circle cx="209.22" cy="99.81" r="2.6"/><circle cx="225.37" cy="111.74" r="2.6"/><circle cx="241.52" cy="129.07" r="2.6"/><circle cx="257.67" cy="152.91" r="2.6"/><circle cx="273.81" cy="183.39" r="2.6"/><circle cx="289.96" cy="218.9" r="2.6"/><circle cx="306.11" cy="256.05" r="2.6"/><circle cx="322.26" cy="290.78" r="2.6"/><circle cx="338.41" cy="320" r="2.6"/><circle cx="354.56" cy="342.48" r="2.6"/><circle cx="370.71" cy="358.62" r="2.6"/><circle cx="386.86" cy="369.64" r="2.6"/><circle cx="403" cy="376.9" r="2.6"/><circle cx="419.15" cy="381.58" r="2.6"/><circle cx="435.3" cy="384.55" r="2.6"/><circle cx="451.45" cy="386.42" r="2.6"/></g>
<rect class="frame" x="55.88" y="63" width="403.57" height="326.5" fill="none" stroke="#333333" stroke-width="1"/>
<g class="ticks" stroke="#333333" stroke-width="1">
<line x1="63.88" y1="389.5" x2="63.88" y2="394.5"/>
<line x1="141.39" y1="389.5" x2="141.39" y2="394.5"/>
<line x1="218.91" y1="389.5" x2="218.91" y2="394.5"/>
<line x1="296.42" y1="389.5" x2="296.42" y2="394.5"/>
<line x1="373.94" y1="389.5" x2="373.94" y2="394.5"/>
<line x1="451.45" y1="389.5" x2="451.45" y2="394.5"/>
<line x1="87.21" y1="389.5" x2="87.21" y2="392.5"/>
<line x1="100.86" y1="389.5" x2="100.86" y2="392.5"/>
<line x1="110.55" y1="389.5" x2="110.55" y2="392.5"/>
<line x1="118.06" y1="389.5" x2="118.06" y2="392.5"/>
<line x1="124.2" y1="389.5" x2="124.2" y2="392.5"/>
<line x1="129.39" y1="389.5" x2="129.39" y2="392.5"/>
<line x1="133.88" y1="389.5" x2="133.88" y2="392.5"/>
<line x1="137.85" y1="389.5" x2="137.85" y2="392.5"/>
<line x1="164.73" y1="389.5" x2="164.73" y2="392.5"/>
<line x1="178.38" y1="389.5" x2="178.38" y2="392.5"/>
<line x1="188.06" y1="389.5" x2="188.06" y2="392.5"/>
<line x1="195.57" y1="389.5" x2="195.57" y2="392.5"/>
<line x1="201.71" y1="389.5" x2="201.71" y2="392.5"/>
<line x1="206.9" y1="389.5" x2="206.9" y2="392.5"/>
<line x1="211.4" y1="389.5" x2="211.4" y2="392.5"/>
<line x1="215.36" y1="389.5" x2="215.36" y2="392.5"/>
<line x1="242.24" y1="389.5" x2="242.24" y2="392.5"/>
<line x1="255.89" y1="389.5" x2="255.89" y2="392.5"/>
<line x1="265.58" y1="389.5" x2="265.58" y2="392.5"/>
<line x1="273.09" y1="389.5" x2="273.09" y2="392.5"/>
<line x1="279.23" y1="389.5" x2="279.23" y2="392.5"/>
<line x1="284.41" y1="389.5" x2="284.41" y2="392.5"/>
<line x1="288.91" y1="389.5" x2="288.91" y2="392.5"/>
<line x1="292.88" y1="389.5" x2="292.88" y2="392.5"/>
<line x1="319.76" y1="389.5" x2="319.76" y2="392.5"/>
<line x1="333.41" y1="389.5" x2="333.41" y2="392.5"/>
<line x1="343.09" y1="389.5" x2="343.09" y2="392.5"/>
<line x1="350.6" y1="389.5" x2="350.6" y2="392.5"/>
<line x1="356.74" y1="389.5" x2="356.74" y2="392.5"/>
<line x1="361.93" y1="389.5" x2="361.93" y2="392.5"/>
<line x1="366.42" y1="389.5" x2="366.42" y2="392.5"/>
<line x1="370.39" y1="389.5" x2="370.39" y2="392.5"/>
<line x1="397.27" y1="389.5" x2="397.27" y2="392.5"/>
<line x1="410.92" y1="389.5" x2="410.92" y2="392.5"/>
<line x1="420.6" y1="389.5" x2="420.6" y2="392.5"/>
<line x1="428.12" y1="389.5" x2="428.12" y2="392.5"/>
<line x1="434.25" y1="389.5" x2="434.25" y2="392.5"/>
<line x1="439.44" y1="389.5" x2="439.44" y2="392.5"/>
<line x1="443.94" y1="389.5" x2="443.94" y2="392.5"/>
<line x1="447.9" y1="389.5" x2="447.9" y2="392.5"/>
<line x1="50.88" y1="389.5" x2="55.88" y2="389.5"/>
<line x1="50.88" y1="284.18" x2="55.88" y2="284.18"/>
<line x1="50.88" y1="178.85" x2="55.88" y2="178.85"/>
<line x1="50.88" y1="73.53" x2="55.88" y2="73.53"/>
<line x1="459.45" y1="389.5" x2="464.45" y2="389.5"/>
<line x1="459.45" y1="327.22" x2="464.45" y2="327.22"/>
<line x1="459.45" y1="264.94" x2="464.45" y2="264.94"/>
<line x1="459.45" y1="202.65" x2="464.45" y2="202.65"/>
<line x1="459.45" y1="140.37" x2="464.45" y2="140.37"/>
<line x1="459.45" y1="78.09" x2="464.45" y2="78.09"/>
</g>
<g class="x-tick-labels" font-size="11" fill="#333333" text-anchor="middle">
<text x="63.88" y="406.3">0.001</text>
<text x="141.39" y="406.3">0.01</text>
<text x="218.91" y="406.3">0.1</text>
<text x="296.42" y="406.3">1</text>
<text x="373.94" y="406.3">10</text>
<text x="451.45" y="406.3">100</text>
</g>
<g class="y-tick-labels" font-size="11" fill="#333333" text-anchor="end">
<text x="47.88" y="393.35">0</text>
<text x="47.88" y="288.03">1</text>
<text x="47.88" y="182.7">2</text>
<text x="47.88" y="77.38">3</text>
</g>
<g class="secondary-tick-labels" font-size="11" fill="#333333" text-anchor="start">
<text x="467.45" y="393.35">0</text>
<text x="467.45" y="331.07">0.2</text>
<text x="467.45" y="268.79">0.4</text>
<text x="467.45" y="206.5">0.6</text>
<text x="467.45" y="144.22">0.8</text>
<text x="467.45" y="81.94">1.0</text>
</g>
<text class="x-label" x="257.67" y="427.5" text-anchor="middle" font-size="12.5" fill="#111111">β</text>
<text class="y-label" x="20" y="226.25" transform="rotate(-90 20 226.25)" text-anchor="middle" font-size="12.5" fill="#111111">local rank</text>
<text class="secondary-label" x="495.33" y="226.25" transform="rotate(90 495.33 226.25)" text-anchor="middle" font-size="12.5" fill="#111111">accuracy</text>
<g class="mark-labels" font-size="10" fill="#555555">
<line x1="273.09" y1="50" x2="273.09" y2="63" stroke="#888888" stroke-width="1"/><text x="276.09" y="47">β* = 0.5</text>
<line x1="319.76" y1="62" x2="319.76" y2="63" stroke="#888888" stroke-width="1"/><text x="322.76" y="59">β₂* = 2</text>
</g>
<g class="legend" font-size="11" fill="#222222">
<rect x="519.33" y="63" width="190.67" height="42" rx="3" fill="white" stroke="#cccccc" stroke-width="1"/>
<line x1="527.33" y1="75.5" x2="553.33" y2="75.5" stroke="#0072B2" stroke-width="1.8"/><circle cx="540.33" cy="75.5" r="2.6" fill="#0072B2"/><text x="559.33" y="79.35">layer 1</text>
<line x1="527.33" y1="92.5" x2="553.33" y2="92.5" stroke="#E69F00" stroke-width="1.8" stroke-dasharray="6 3.5"/><circle cx="540.33" cy="92.5" r="2.6" fill="#E69F00"/><text x="559.33" y="96.35">test accuracy (right axis)</text>
</g>
</svg>

"""##,
    "narrow": ##"""
<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="360" height="260" viewBox="0 0 360 260" font-family="sans-serif">
<title>Local rank over training</title>
<rect class="background" x="0" y="0" width="360" height="260" fill="white"/>
<defs><clipPath id="c-plot-area"><rect x="55.62" y="39" width="197.88" height="174.5"/></clipPath></defs>
<text class="title" x="154.56" y="24.25" text-anchor="middle" font-size="15" font-weight="bold" fill="#111111">Local rank over training</text>
<g class="grid" stroke="#e8e8e8" stroke-width="1">
<line x1="59.62" y1="209.5" x2="249.5" y2="209.5"/>
<line x1="59.62" y1="120.9" x2="249.5" y2="120.9"/>
<line x1="67.62" y1="43" x2="67.62" y2="209.5"/>
<line x1="89.62" y1="43" x2="89.62" y2="209.5"/>
<line x1="120" y1="43" x2="120" y2="209.5"/>
<line x1="150.37" y1="43" x2="150.37" y2="209.5"/>
<line x1="180.75" y1="43" x2="180.75" y2="209.5"/>
<line x1="211.12" y1="43" x2="211.12" y2="209.5"/>
<line x1="241.5" y1="43" x2="241.5" y2="209.5"/>
</g>
<path class="series" data-label="layer 0" fill="none" stroke="#0072B2" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#c-plot-area)" d="M67.62 50.03L89.62 50.03L98.76 50.03L104.11 50.04L110.85 50.05L113.26 50.06L117.05 50.07L121.25 50.09L125.34 50.13L129.78 50.18L133.58 50.25L137.61 50.36L141.49 50.52L145.67 50.76L149.56 51.1L153.53 51.61L157.6 52.38L161.59 53.49L165.55 55.06L169.55 57.34L173.56 60.54L177.55 64.91L181.54 70.69L185.54 78.06L189.54 86.93L193.54 96.92L197.54 107.38L201.53 117.51L205.53 126.64L209.53 134.32L213.52 140.43L217.52 145.07L221.52 148.47L225.51 150.91L229.51 152.62L233.51 153.8L237.5 154.62L241.5 155.17"/>
<g class="markers" fill="#0072B2" clip-path="url(#c-plot-area)"><circle cx="67.62" cy="50.03" r="2.6"/><circle cx="89.62" cy="50.03" r="2.6"/><circle cx="98.76" cy="50.03" r="2.6"/><circle cx="104.11" cy="50.04" r="2.6"/><circle cx="110.85" cy="50.05" r="2.6"/><circle cx="113.26" cy="50.06" r="2.6"/><circle cx="117.05" cy="50.07" r="2.6"/><circle cx="121.25" cy="50.09" r="2.6"/><circle cx="125.34" cy="50.13" r="2.6"/><circle cx="129.78" cy="50.18" r="2.6"/><circle cx="133.58" cy="50.25" r="2.6"/><circle cx="137.61" cy="50.36" r="2.6"/><circle cx="141.49" cy="50.52" r="2.6"/><circle cx="145.67" cy="50.76" r="2.6"/><circle cx="149.56" cy="51.1" r="2.6"/><circle cx="153.53" cy="51.61" r="2.6"/><circle cx="157.6" cy="52.38" r="2.6"/><circle cx="161.59" cy="53.49" r="2.6"/><circle cx="165.55" cy="55.06" r="2.6"/><circle cx="169.55" cy="57.34" r="2.6"/><circle cx="173.56" cy="60.54" r="2.6"/><circle cx="177.55" cy="64.91" r="2.6"/><circle cx="181.54" cy="70.69" r="2.6"/><circle cx="185.54" cy="78.06" r="2.6"/><circle cx="189.54" cy="86.93" r="2.6"/><circle cx="193.54" cy="96.92" r="2.6"/><circle cx="197.54" cy="107.38" r="2.6"/><circle cx="201.53" cy="117.51" r="2.6"/><circle cx="205.53" cy="126.64" r="2.6"/><circle cx="209.53" cy="134.32" r="2.6"/><circle cx="213.52" cy="140.43" r="2.6"/><circle cx="217.52" cy="145.07" r="2.6"/><circle cx="221.52" cy="148.47" r="2.6"/><circle cx="225.51" cy="150.91" r="2.6"/><circle cx="229.51" cy="152.62" r="2.6"/><circle cx="233.51" cy="153.8" r="2.6"/><circle cx="237.5" cy="154.62" r="2.6"/><circle cx="241.5" cy="155.17" r="2.6"/></g>
<path class="series" data-label="layer 1" fill="none" stroke="#E69F00" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#c-plot-area)" d="M67.62 58.89L89.62 58.89L98.76 58.89L104.11 58.9L110.85 58.91L113.26 58.92L117.05 58.93L121.25 58.95L125.34 58.99L129.78 59.04L133.58 59.11L137.61 59.22L141.49 59.37L145.67 59.62L149.56 59.96L153.53 60.47L157.6 61.24L161.59 62.34L165.55 63.92L169.55 66.2L173.56 69.4L177.55 73.77L181.54 79.55L185.54 86.92L189.54 95.79L193.54 105.78L197.54 116.23L201.53 126.37L205.53 135.49L209.53 143.18L213.52 149.29L217.52 153.93L221.52 157.33L225.51 159.77L229.51 161.48L233.51 162.66L237.5 163.48L241.5 164.03"/>
<g class="markers" fill="#E69F00" clip-path="url(#c-plot-area)"><circle cx="67.62" cy="58.89" r="2.6"/><circle cx="89.62" cy="58.89" r="2.6"/><circle cx="98.76" cy="58.89" r="2.6"/><circle cx="104.11" cy="58.9" r="2.6"/><circle cx="110.85" cy="58.91" r="2.6"/><circle cx="113.26" cy="58.92" r="2.6"/><circle cx="117.05" cy="58.93" r="2.6"/><circle cx="121.25" cy="58.95" r="2.6"/><circle cx="125.34" cy="58.99" r="2.6"/><circle cx="129.78" cy="59.04" r="2.6"/><circle cx="133.58" cy="59.11" r="2.6"/><circle cx="137.61" cy="59.22" r="2.6"/><circle cx="141.49" cy="59.37" r="2.6"/><circle cx="145.67" cy="59.62" r="2.6"/><circle cx="149.56" cy="59.96" r="2.6"/><circle cx="153.53" cy="60.47" r="2.6"/><circle cx="157.6" cy="61.24" r="2.6"/><circle cx="161.59" cy="62.34" r="2.6"/><circle cx="165.55" cy="63.92" r="2.6"/><circle cx="169.55" cy="66.2" r="2.6"/><circle cx="173.56" cy="69.4" r="2.6"/><circle cx="177.55" cy="73.77" r="2.6"/><circle cx="181.54" cy="79.55" r="2.6"/><circle cx="185.54" cy="86.92" r="2.6"/><circle cx="189.54" cy="95.79" r="2.6"/><circle cx="193.54" cy="105.78" r="2.6"/><circle cx="197.54" cy="116.23" r="2.6"/><circle cx="201.53" cy="126.37" r="2.6"/><circle cx="205.53" cy="135.49" r="2.6"/><circle cx="209.53" cy="143.18" r="2.6"/><circle cx="213.52" cy="149.29" r="2.6"/><circle cx="217.52" cy="153.93" r="2.6"/><circle cx="221.52" cy="157.33" r="2.6"/><circle cx="225.51" cy="159.77" r="2.6"/><circle cx="229.51" cy="161.48" r="2.6"/><circle cx="233.51" cy="162.66" r="2.6"/><circle cx="237.5" cy="163.48" r="2.6"/><circle cx="241.5" cy="164.03" r="2.6"/></g>
<path class="series" data-label="layer 2" fill="none" stroke="#009E73" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#c-plot-area)" d="M67.62 67.75L89.62 67.75L98.76 67.75L104.11 67.76L110.85 67.77L113.26 67.78L117.05 67.79L121.25 67.81L125.34 67.85L129.78 67.9L133.58 67.97L137.61 68.08L141.49 68.23L145.67 68.48L149.56 68.82L153.53 69.33L157.6 70.1L161.59 71.2L165.55 72.78L169.55 75.06L173.56 78.26L177.55 82.63L181.54 88.41L185.54 95.78L189.54 104.65L193.54 114.64L197.54 125.09L201.53 135.23L205.53 144.35L209.53 152.04L213.52 158.15L217.52 162.79L221.52 166.19L225.51 168.63L229.51 170.34L233.51 171.52L237.5 172.34L241.5 172.89"/>
<g class="markers" fill="#009E73" clip-path="url(#c-plot-area)"><circle cx="67.62" cy="67.75" r="2.6"/><circle cx="89.62" cy="67.75" r="2.6"/><circle cx="98.76" cy="67.75" r="2.6"/><circle cx="104.11" cy="67.76" r="2.6"/><circle cx="110.85" cy="67.77" r="2.6"/><circle cx="113.26" cy="67.78" r="2.6"/><circle cx="117.05" cy="67.79" r="2.6"/><circle cx="121.25" cy="67.81" r="2.6"/><circle cx="125.34" cy="67.85" r="2.6"/><circle cx="129.78" cy="67.9" r="2.6"/><circle cx="133.58" cy="67.97" r="2.6"/><circle cx="137.61" cy="68.08" r="2.6"/><circle cx="141.49" cy="68.23" r="2.6"/><circle cx="145.67" cy="68.48" r="2.6"/><circle cx="149.56" cy="68.82" r="2.6"/><circle cx="153.53" cy="69.33" r="2.6"/><circle cx="157.6" cy="70.1" r="2.6"/><circle cx="161.59" cy="71.2" r="2.6"/><circle cx="165.55" cy="72.78" r="2.6"/><circle cx="169.55" cy="75.06" r="2.6"/><circle cx="173.56" cy="78.26" r="2.6"/><circle cx="177.55" cy="82.63" r="2.6"/><circle cx="181.54" cy="88.41" r="2.6"/><circle cx="185.54" cy="95.78" r="2.6"/><circle cx="189.54" cy="104.65" r="2.6"/><circle cx="193.54" cy="114.64" r="2.6"/><circle cx="197.54" cy="125.09" r="2.6"/><circle cx="201.53" cy="135.23" r="2.6"/><circle cx="205.53" cy="144.35" r="2.6"/><circle cx="209.53" cy="152.04" r="2.6"/><circle cx="213.52" cy="158.15" r="2.6"/><circle cx="217.52" cy="162.79" r="2.6"/><circle cx="221.52" cy="166.19" r="2.6"/><circle cx="225.51" cy="168.63" r="2.6"/><circle cx="229.51" cy="170.34" r="2.6"/><circle cx="233.51" cy="171.52" r="2.6"/><circle cx="237.5" cy="172.34" r="2.6"/><circle cx="241.5" cy="172.89" r="2.6"/></g>
<path class="series" data-label="layer 3" fill="none" stroke="#D55E00" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#c-plot-area)" d="M67.62 76.61L89.62 76.61L98.76 76.61L104.11 76.62L110.85 76.63L113.26 76.64L117.05 76.65L121.25 76.67L125.34 76.7L129.78 76.76L133.58 76.83L137.61 76.94L141.49 77.09L145.67 77.34L149.56 77.68L153.53 78.19L157.6 78.96L161.59 80.06L165.55 81.64L169.55 83.92L173.56 87.12L177.55 91.49L181.54 97.27L185.54 104.64L189.54 113.51L193.54 123.5L197.54 133.95L201.53 144.09L205.53 153.21L209.53 160.9L213.52 167L217.52 171.64L221.52 175.05L225.51 177.49L229.51 179.2L233.51 180.38L237.5 181.2L241.5 181.75"/>
<g class="markers" fill="#D55E00" clip-path="url(#c-plot-area)"><circle cx="67.62" cy="76.61" r="2.6"/><circle cx="89.62" cy="76.61" r="2.6"/><circle cx="98.76" cy="76.61" r="2.6"/><circle cx="104.11" cy="76.62" r="2.6"/><circle cx="110.85" cy="76.63" r="2.6"/><circle cx="113.26" cy="76.64" r="2.6"/><circle cx="117.05" cy="76.65" r="2.6"/><circle cx="121.25" cy="76.67" r="2.6"/><circle cx="125.34" cy="76.7" r="2.6"/><circle cx="129.78" cy="76.76" r="2.6"/><circle cx="133.58" cy="76.83" r="2.6"/><circle cx="137.61" cy="76.94" r="2.6"/><circle cx="141.49" cy="77.09" r="2.6"/><circle cx="145.67" cy="77.34" r="2.6"/><circle cx="149.56" cy="77.68" r="2.6"/><circle cx="153.53" cy="78.19" r="2.6"/><circle cx="157.6" cy="78.96" r="2.6"/><circle cx="161.59" cy="80.06" r="2.6"/><circle cx="165.55" cy="81.64" r="2.6"/><circle cx="169.55" cy="83.92" r="2.6"/><circle cx="173.56" cy="87.12" r="2.6"/><circle cx="177.55" cy="91.49" r="2.6"/><circle cx="181.54" cy="97.27" r="2.6"/><circle cx="185.54" cy="104.64" r="2.6"/><circle cx="189.54" cy="113.51" r="2.6"/><circle cx="193.54" cy="123.5" r="2.6"/><circle cx="197.54" cy="133.95" r="2.6"/><circle cx="201.53" cy="144.09" r="2.6"/><circle cx="205.53" cy="153.21" r="2.6"/><circle cx="209.53" cy="160.9" r="2.6"/><circle cx="213.52" cy="167" r="2.6"/><circle cx="217.52" cy="171.64" r="2.6"/><circle cx="221.52" cy="175.05" r="2.6"/><circle cx="225.51" cy="177.49" r="2.6"/><circle cx="229.51" cy="179.2" r="2.6"/><circle cx="233.51" cy="180.38" r="2.6"/><circle cx="237.5" cy="181.2" r="2.6"/><circle cx="241.5" cy="181.75" r="2.6"/></g>
<path class="series" data-label="layer 4" fill="none" stroke="#CC79A7" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#c-plot-area)" d="M67.62 85.47L89.62 85.47L98.76 85.47L104.11 85.48L110.85 85.49L113.26 85.5L117.05 85.51L121.25 85.53L125.34 85.56L129.78 85.62L133.58 85.69L137.61 85.8L141.49 85.95L145.67 86.2L149.56 86.54L153.53 87.05L157.6 87.82L161.59 88.92L165.55 90.5L169.55 92.78L173.56 95.98L177.55 100.35L181.54 106.13L185.54 113.5L189.54 122.36L193.54 132.36L197.54 142.81L201.53 152.95L205.53 162.07L209.53 169.76L213.52 175.86L217.52 180.5L221.52 183.91L225.51 186.35L229.51 188.06L233.51 189.24L237.5 190.06L241.5 190.61"/>
<g class="markers" fill="#CC79A7" clip-path="url(#c-plot-area)"><circle cx="67.62" cy="85.47" r="2.6"/><circle cx="89.62" cy="85.47" r="2.6"/><circle cx="98.76" cy="85.47" r="2.6"/><circle cx="104.11" cy="85.48" r="2.6"/><circle cx="110.85" cy="85.49" r="2.6"/><circle cx="113.26" cy="85.5" r="2.6"/><circle cx="117.05" cy="85.51" r="2.6"/><circle cx="121.25" cy="85.53" r="2.6"/><circle cx="125.34" cy="85.56" r="2.6"/><circle cx="129.78" cy="85.62" r="2.6"/><circle cx="133.58" cy="85.69" r="2.6"/><circle cx="137.61" cy="85.8" r="2.6"/><circle cx="141.49" cy="85.95" r="2.6"/><circle cx="145.67" cy="86.2" r="2.6"/><circle cx="149.56" cy="86.54" r="2.6"/><circle cx="153.53" cy="87.05" r="2.6"/><circle cx="157.6" cy="87.82" r="2.6"/><circle cx="161.59" cy="88.92" r="2.6"/><circle cx="165.55" cy="90.5" r="2.6"/><circle cx="169.55" cy="92.78" r="2.6"/><circle cx="173.56" cy="95.98" r="2.6"/><circle cx="177.55" cy="100.35" r="2.6"/><circle cx="181.54" cy="106.13" r="2.6"/><circle cx="185.54" cy="113.5" r="2.6"/><circle cx="189.54" cy="122.36" r="2.6"/><circle cx="193.54" cy="132.36" r="2.6"/><circle cx="197.54" cy="142.81" r="2.6"/><circle cx="201.53" cy="152.95" r="2.6"/><circle cx="205.53" cy="162.07" r="2.6"/><circle cx="209.53" cy="169.76" r="2.6"/><circle cx="213.52" cy="175.86" r="2.6"/><circle cx="217.52" cy="180.5" r="2.6"/><circle cx="221.52" cy="183.91" r="2.6"/><circle cx="225.51" cy="186.35" r="2.6"/><circle cx="229.51" cy="188.06" r="2.6"/><circle cx="233.51" cy="189.24" r="2.6"/><circle cx="237.5" cy="190.06" r="2.6"/><circle cx="241.5" cy="190.61" r="2.6"/></g>
<rect class="frame" x="59.62" y="43" width="189.88" height="166.5" fill="none" stroke="#333333" stroke-width="1"/>
<g class="ticks" stroke="#333333" stroke-width="1">
<line x1="67.62" y1="209.5" x2="67.62" y2="214.5"/>
<line x1="89.62" y1="209.5" x2="89.62" y2="214.5"/>
<line x1="120" y1="209.5" x2="120" y2="214.5"/>
<line x1="150.37" y1="209.5" x2="150.37" y2="214.5"/>
<line x1="180.75" y1="209.5" x2="180.75" y2="214.5"/>
<line x1="211.12" y1="209.5" x2="211.12" y2="214.5"/>
<line x1="241.5" y1="209.5" x2="241.5" y2="214.5"/>
<line x1="98.76" y1="209.5" x2="98.76" y2="212.5"/>
<line x1="104.11" y1="209.5" x2="104.11" y2="212.5"/>
<line x1="107.91" y1="209.5" x2="107.91" y2="212.5"/>
<line x1="110.85" y1="209.5" x2="110.85" y2="212.5"/>
<line x1="113.26" y1="209.5" x2="113.26" y2="212.5"/>
<line x1="115.29" y1="209.5" x2="115.29" y2="212.5"/>
<line x1="117.05" y1="209.5" x2="117.05" y2="212.5"/>
<line x1="118.61" y1="209.5" x2="118.61" y2="212.5"/>
<line x1="129.14" y1="209.5" x2="129.14" y2="212.5"/>
<line x1="134.49" y1="209.5" x2="134.49" y2="212.5"/>
<line x1="138.28" y1="209.5" x2="138.28" y2="212.5"/>
<line x1="141.23" y1="209.5" x2="141.23" y2="212.5"/>
<line x1="143.63" y1="209.5" x2="143.63" y2="212.5"/>
<line x1="145.67" y1="209.5" x2="145.67" y2="212.5"/>
<line x1="147.43" y1="209.5" x2="147.43" y2="212.5"/>
<line x1="148.98" y1="209.5" x2="148.98" y2="212.5"/>
<line x1="159.52" y1="209.5" x2="159.52" y2="212.5"/>
<line x1="164.87" y1="209.5" x2="164.87" y2="212.5"/>
<line x1="168.66" y1="209.5" x2="168.66" y2="212.5"/>
<line x1="171.6" y1="209.5" x2="171.6" y2="212.5"/>
<line x1="174.01" y1="209.5" x2="174.01" y2="212.5"/>
<line x1="176.04" y1="209.5" x2="176.04" y2="212.5"/>
<line x1="177.8" y1="209.5" x2="177.8" y2="212.5"/>
<line x1="179.36" y1="209.5" x2="179.36" y2="212.5"/>
<line x1="189.89" y1="209.5" x2="189.89" y2="212.5"/>
<line x1="195.24" y1="209.5" x2="195.24" y2="212.5"/>
<line x1="199.04" y1="209.5" x2="199.04" y2="212.5"/>
<line x1="201.98" y1="209.5" x2="201.98" y2="212.5"/>
<line x1="204.39" y1="209.5" x2="204.39" y2="212.5"/>
<line x1="206.42" y1="209.5" x2="206.42" y2="212.5"/>
<line x1="208.18" y1="209.5" x2="208.18" y2="212.5"/>
<line x1="209.73" y1="209.5" x2="209.73" y2="212.5"/>
<line x1="220.27" y1="209.5" x2="220.27" y2="212.5"/>
<line x1="225.62" y1="209.5" x2="225.62" y2="212.5"/>
<line x1="229.41" y1="209.5" x2="229.41" y2="212.5"/>
<line x1="232.36" y1="209.5" x2="232.36" y2="212.5"/>
<line x1="234.76" y1="209.5" x2="234.76" y2="212.5"/>
<line x1="236.79" y1="209.5" x2="236.79" y2="212.5"/>
<line x1="238.56" y1="209.5" x2="238.56" y2="212.5"/>
<line x1="240.11" y1="209.5" x2="240.11" y2="212.5"/>
<line x1="54.62" y1="209.5" x2="59.62" y2="209.5"/>
<line x1="54.62" y1="120.9" x2="59.62" y2="120.9"/>
</g>
<g class="x-tick-labels" font-size="11" fill="#333333" text-anchor="middle">
<text x="67.62" y="226.3">0</text>
<text x="89.62" y="226.3">1</text>
<text x="150.37" y="226.3">100</text>
<text x="211.12" y="226.3">10k</text>
</g>
<g class="y-tick-labels" font-size="11" fill="#333333" text-anchor="end">
<text x="51.62" y="213.35">0</text>
<text x="51.62" y="124.75">100</text>
</g>
<g class="axis-break"><rect x="75.12" y="204.5" width="7" height="10" fill="white"/><line x1="73.12" y1="213.5" x2="77.12" y2="205.5" stroke="#333333" stroke-width="1"/><line x1="80.12" y1="213.5" x2="84.12" y2="205.5" stroke="#333333" stroke-width="1"/></g>
<text class="x-label" x="154.56" y="247.5" text-anchor="middle" font-size="12.5" fill="#111111">training step</text>
<text class="y-label" x="20" y="126.25" transform="rotate(-90 20 126.25)" text-anchor="middle" font-size="12.5" fill="#111111">local rank</text>
<g class="legend" font-size="11" fill="#222222">
<rect x="263.5" y="43" width="86.5" height="93" rx="3" fill="white" stroke="#cccccc" stroke-width="1"/>
<line x1="271.5" y1="55.5" x2="297.5" y2="55.5" stroke="#0072B2" stroke-width="1.8"/><circle cx="284.5" cy="55.5" r="2.6" fill="#0072B2"/><text x="303.5" y="59.35">layer 0</text>
<line x1="271.5" y1="72.5" x2="297.5" y2="72.5" stroke="#E69F00" stroke-width="1.8"/><circle cx="284.5" cy="72.5" r="2.6" fill="#E69F00"/><text x="303.5" y="76.35">layer 1</text>
<line x1="271.5" y1="89.5" x2="297.5" y2="89.5" stroke="#009E73" stroke-width="1.8"/><circle cx="284.5" cy="89.5" r="2.6" fill="#009E73"/><text x="303.5" y="93.35">layer 2</text>
<line x1="271.5" y1="106.5" x2="297.5" y2="106.5" stroke="#D55E00" stroke-width="1.8"/><circle cx="284.5" cy="106.5" r="2.6" fill="#D55E00"/><text x="303.5" y="110.35">layer 3</text>
<line x1="271.5" y1="123.5" x2="297.5" y2="123.5" stroke="#CC79A7" stroke-width="1.8"/><circle cx="284.5" cy="123.5" r="2.6" fill="#CC79A7"/><text x="303.5" y="127.35">layer 4</text>
</g>
</svg>

"""##,
    "grid": ##"""
<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="720" height="880" viewBox="0 0 720 880" font-family="sans-serif">
<title>Local rank over training; Local rank and accuracy against β</title>
<rect width="720" height="880" fill="white"/>
<g class="panel" transform="translate(0,0)">
<rect class="background" x="0" y="0" width="720" height="440" fill="white"/>
<defs><clipPath id="p0-plot-area"><rect x="55.62" y="39" width="557.88" height="354.5"/></clipPath></defs>
<text class="title" x="334.56" y="24.25" text-anchor="middle" font-size="15" font-weight="bold" fill="#111111">Local rank over training</text>
<g class="grid" stroke="#e8e8e8" stroke-width="1">
<line x1="59.62" y1="389.5" x2="609.5" y2="389.5"/>
<line x1="59.62" y1="297.31" x2="609.5" y2="297.31"/>
<line x1="59.62" y1="205.12" x2="609.5" y2="205.12"/>
<line x1="59.62" y1="112.94" x2="609.5" y2="112.94"/>
<line x1="67.62" y1="43" x2="67.62" y2="389.5"/>
<line x1="100.61" y1="43" x2="100.61" y2="389.5"/>
<line x1="200.79" y1="43" x2="200.79" y2="389.5"/>
<line x1="300.97" y1="43" x2="300.97" y2="389.5"/>
<line x1="401.15" y1="43" x2="401.15" y2="389.5"/>
<line x1="501.32" y1="43" x2="501.32" y2="389.5"/>
<line x1="601.5" y1="43" x2="601.5" y2="389.5"/>
</g>
<path class="series" data-label="layer 0" fill="none" stroke="#0072B2" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#p0-plot-area)" d="M67.62 57.63L100.61 57.63L130.77 57.64L148.41 57.65L170.63 57.67L178.57 57.69L191.08 57.71L204.94 57.76L218.43 57.83L233.07 57.94L245.59 58.09L258.87 58.32L271.67 58.64L285.45 59.16L298.28 59.87L311.37 60.93L324.81 62.53L337.95 64.82L351.03 68.11L364.22 72.84L377.45 79.5L390.61 88.59L403.76 100.64L416.95 115.97L430.13 134.41L443.33 155.22L456.51 176.97L469.69 198.06L482.87 217.05L496.05 233.04L509.23 245.75L522.41 255.41L535.59 262.49L548.78 267.56L561.96 271.12L575.14 273.59L588.32 275.29L601.5 276.44"/>
<g class="markers" fill="#0072B2" clip-path="url(#p0-plot-area)"><circle cx="67.62" cy="57.63" r="2.6"/><circle cx="100.61" cy="57.63" r="2.6"/><circle cx="130.77" cy="57.64" r="2.6"/><circle cx="148.41" cy="57.65" r="2.6"/><circle cx="170.63" cy="57.67" r="2.6"/><circle cx="178.57" cy="57.69" r="2.6"/><circle cx="191.08" cy="57.71" r="2.6"/><circle cx="204.94" cy="57.76" r="2.6"/><circle cx="218.43" cy="57.83" r="2.6"/><circle cx="233.07" cy="57.94" r="2.6"/><circle cx="245.59" cy="58.09" r="2.6"/><circle cx="258.87" cy="58.32" r="2.6"/><circle cx="271.67" cy="58.64" r="2.6"/><circle cx="285.45" cy="59.16" r="2.6"/><circle cx="298.28" cy="59.87" r="2.6"/><circle cx="311.37" cy="60.93" r="2.6"/><circle cx="324.81" cy="62.53" r="2.6"/><circle cx="337.95" cy="64.82" r="2.6"/><circle cx="351.03" cy="68.11" r="2.6"/><circle cx="364.22" cy="72.84" r="2.6"/><circle cx="377.45" cy="79.5" r="2.6"/><circle cx="390.61" cy="88.59" r="2.6"/><circle cx="403.76" cy="100.64" r="2.6"/><circle cx="416.95" cy="115.97" r="2.6"/><circle cx="430.13" cy="134.41" r="2.6"/><circle cx="443.33" cy="155.22" r="2.6"/><circle cx="456.51" cy="176.97" r="2.6"/><circle cx="469.69" cy="198.06" r="2.6"/><circle cx="482.87" cy="217.05" r="2.6"/><circle cx="496.05" cy="233.04" r="2.6"/><circle cx="509.23" cy="245.75" r="2.6"/><circle cx="522.41" cy="255.41" r="2.6"/><circle cx="535.59" cy="262.49" r="2.6"/><circle cx="548.78" cy="267.56" r="2.6"/><circle cx="561.96" cy="271.12" r="2.6"/><circle cx="575.14" cy="273.59" r="2.6"/><circle cx="588.32" cy="275.29" r="2.6"/><circle cx="601.5" cy="276.44" r="2.6"/></g>
<path class="series" data-label="layer 1" fill="none" stroke="#E69F00" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#p0-plot-area)" d="M67.62 76.07L100.61 76.07L130.77 76.07L148.41 76.09L170.63 76.11L178.57 76.12L191.08 76.15L204.94 76.2L218.43 76.27L233.07 76.38L245.59 76.53L258.87 76.75L271.67 77.08L285.45 77.59L298.28 78.3L311.37 79.37L324.81 80.97L337.95 83.26L351.03 86.54L364.22 91.28L377.45 97.94L390.61 107.03L403.76 119.07L416.95 134.41L430.13 152.85L443.33 173.66L456.51 195.41L469.69 216.5L482.87 235.49L496.05 251.48L509.23 264.19L522.41 273.84L535.59 280.93L548.78 286L561.96 289.56L575.14 292.03L588.32 293.72L601.5 294.88"/>
<g class="markers" fill="#E69F00" clip-path="url(#p0-plot-area)"><circle cx="67.62" cy="76.07" r="2.6"/><circle cx="100.61" cy="76.07" r="2.6"/><circle cx="130.77" cy="76.07" r="2.6"/><circle cx="148.41" cy="76.09" r="2.6"/><circle cx="170.63" cy="76.11" r="2.6"/><circle cx="178.57" cy="76.12" r="2.6"/><circle cx="191.08" cy="76.15" r="2.6"/><circle cx="204.94" cy="76.2" r="2.6"/><circle cx="218.43" cy="76.27" r="2.6"/><circle cx="233.07" cy="76.38" r="2.6"/><circle cx="245.59" cy="76.53" r="2.6"/><circle cx="258.87" cy="76.75" r="2.6"/><circle cx="271.67" cy="77.08" r="2.6"/><circle cx="285.45" cy="77.59" r="2.6"/><circle cx="298.28" cy="78.3" r="2.6"/><circle cx="311.37" cy="79.37" r="2.6"/><circle cx="324.81" cy="80.97" r="2.6"/><circle cx="337.95" cy="83.26" r="2.6"/><circle cx="351.03" cy="86.54" r="2.6"/><circle cx="364.22" cy="91.28" r="2.6"/><circle cx="377.45" cy="97.94" r="2.6"/><circle cx="390.61" cy="107.03" r="2.6"/><circle cx="403.76" cy="119.07" r="2.6"/><circle cx="416.95" cy="134.41" r="2.6"/><circle cx="430.13" cy="152.85" r="2.6"/><circle cx="443.33" cy="173.66" r="2.6"/><circle cx="456.51" cy="195.41" r="2.6"/><circle cx="469.69" cy="216.5" r="2.6"/><circle cx="482.87" cy="235.49" r="2.6"/><circle cx="496.05" cy="251.48" r="2.6"/><circle cx="509.23" cy="264.19" r="2.6"/><circle cx="522.41" cy="273.84" r="2.6"/><circle cx="535.59" cy="280.93" r="2.6"/><circle cx="548.78" cy="286" r="2.6"/><circle cx="561.96" cy="289.56" r="2.6"/><circle cx="575.14" cy="292.03" r="2.6"/><circle cx="588.32" cy="293.72" r="2.6"/><circle cx="601.5" cy="294.88" r="2.6"/></g>
<path class="series" data-label="layer 2" fill="none" stroke="#009E73" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#p0-plot-area)" d="M67.62 94.5L100.61 94.5L130.77 94.51L148.41 94.52L170.63 94.55L178.57 94.56L191.08 94.59L204.94 94.64L218.43 94.7L233.07 94.82L245.59 94.96L258.87 95.19L271.67 95.52L285.45 96.03L298.28 96.74L311.37 97.8L324.81 99.41L337.95 101.7L351.03 104.98L364.22 109.71L377.45 116.38L390.61 125.47L403.76 137.51L416.95 152.85L430.13 171.29L443.33 192.09L456.51 213.85L469.69 234.94L482.87 253.93L496.05 269.92L509.23 282.63L522.41 292.28L535.59 299.37L548.78 304.44L561.96 308L575.14 310.47L588.32 312.16L601.5 313.32"/>
<g class="markers" fill="#009E73" clip-path="url(#p0-plot-area)"><circle cx="67.62" cy="94.5" r="2.6"/><circle cx="100.61" cy="94.5" r="2.6"/><circle cx="130.77" cy="94.51" r="2.6"/><circle cx="148.41" cy="94.52" r="2.6"/><circle cx="170.63" cy="94.55" r="2.6"/><circle cx="178.57" cy="94.56" r="2.6"/><circle cx="191.08" cy="94.59" r="2.6"/><circle cx="204.94" cy="94.64" r="2.6"/><circle cx="218.43" cy="94.7" r="2.6"/><circle cx="233.07" cy="94.82" r="2.6"/><circle cx="245.59" cy="94.96" r="2.6"/><circle cx="258.87" cy="95.19" r="2.6"/><circle cx="271.67" cy="95.52" r="2.6"/><circle cx="285.45" cy="96.03" r="2.6"/><circle cx="298.28" cy="96.74" r="2.6"/><circle cx="311.37" cy="97.8" r="2.6"/><circle cx="324.81" cy="99.41" r="2.6"/><circle cx="337.95" cy="101.7" r="2.6"/><circle cx="351.03" cy="104.98" r="2.6"/><circle cx="364.22" cy="109.71" r="2.6"/><circle cx="377.45" cy="116.38" r="2.6"/><circle cx="390.61" cy="125.47" r="2.6"/><circle cx="403.76" cy="137.51" r="2.6"/><circle cx="416.95" cy="152.85" r="2.6"/><circle cx="430.13" cy="171.29" r="2.6"/><circle cx="443.33" cy="192.09" r="2.6"/><circle cx="456.51" cy="213.85" r="2.6"/><circle cx="469.69" cy="234.94" r="2.6"/><circle cx="482.87" cy="253.93" r="2.6"/><circle cx="496.05" cy="269.92" r="2.6"/><circle cx="509.23" cy="282.63" r="2.6"/><circle cx="522.41" cy="292.28" r="2.6"/><circle cx="535.59" cy="299.37" r="2.6"/><circle cx="548.78" cy="304.44" r="2.6"/><circle cx="561.96" cy="308" r="2.6"/><circle cx="575.14" cy="310.47" r="2.6"/><circle cx="588.32" cy="312.16" r="2.6"/><circle cx="601.5" cy="313.32" r="2.6"/></g>
<path class="series" data-label="layer 3" fill="none" stroke="#D55E00" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#p0-plot-area)" d="M67.62 112.94L100.61 112.94L130.77 112.95L148.41 112.96L170.63 112.98L178.57 113L191.08 113.03L204.94 113.07L218.43 113.14L233.07 113.26L245.59 113.4L258.87 113.63L271.67 113.95L285.45 114.47L298.28 115.18L311.37 116.24L324.81 117.84L337.95 120.13L351.03 123.42L364.22 128.15L377.45 134.81L390.61 143.91L403.76 155.95L416.95 171.28L430.13 189.73L443.33 210.53L456.51 232.28L469.69 253.37L482.87 272.36L496.05 288.35L509.23 301.06L522.41 310.72L535.59 317.81L548.78 322.88L561.96 326.44L575.14 328.9L588.32 330.6L601.5 331.76"/>
<g class="markers" fill="#D55E00" clip-path="url(#p0-plot-area)"><circle cx="67.62" cy="112.94" r="2.6"/><circle cx="100.61" cy="112.94" r="2.6"/><circle cx="130.77" cy="112.95" r="2.6"/><circle cx="148.41" cy="112.96" r="2.6"/><circle cx="170.63" cy="112.98" r="2.6"/><circle cx="178.57" cy="113" r="2.6"/><circle cx="191.08" cy="113.03" r="2.6"/><circle cx="204.94" cy="113.07" r="2.6"/><circle cx="218.43" cy="113.14" r="2.6"/><circle cx="233.07" cy="113.26" r="2.6"/><circle cx="245.59" cy="113.4" r="2.6"/><circle cx="258.87" cy="113.63" r="2.6"/><circle cx="271.67" cy="113.95" r="2.6"/><circle cx="285.45" cy="114.47" r="2.6"/><circle cx="298.28" cy="115.18" r="2.6"/><circle cx="311.37" cy="116.24" r="2.6"/><circle cx="324.81" cy="117.84" r="2.6"/><circle cx="337.95" cy="120.13" r="2.6"/><circle cx="351.03" cy="123.42" r="2.6"/><circle cx="364.22" cy="128.15" r="2.6"/><circle cx="377.45" cy="134.81" r="2.6"/><circle cx="390.61" cy="143.91" r="2.6"/><circle cx="403.76" cy="155.95" r="2.6"/><circle cx="416.95" cy="171.28" r="2.6"/><circle cx="430.13" cy="189.73" r="2.6"/><circle cx="443.33" cy="210.53" r="2.6"/><circle cx="456.51" cy="232.28" r="2.6"/><circle cx="469.69" cy="253.37" r="2.6"/><circle cx="482.87" cy="272.36" r="2.6"/><circle cx="496.05" cy="288.35" r="2.6"/><circle cx="509.23" cy="301.06" r="2.6"/><circle cx="522.41" cy="310.72" r="2.6"/><circle cx="535.59" cy="317.81" r="2.6"/><circle cx="548.78" cy="322.88" r="2.6"/><circle cx="561.96" cy="326.44" r="2.6"/><circle cx="575.14" cy="328.9" r="2.6"/><circle cx="588.32" cy="330.6" r="2.6"/><circle cx="601.5" cy="331.76" r="2.6"/></g>
<path class="series" data-label="layer 4" fill="none" stroke="#CC79A7" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#p0-plot-area)" d="M67.62 131.38L100.61 131.38L130.77 131.39L148.41 131.4L170.63 131.42L178.57 131.44L191.08 131.46L204.94 131.51L218.43 131.58L233.07 131.69L245.59 131.84L258.87 132.07L271.67 132.39L285.45 132.91L298.28 133.62L311.37 134.68L324.81 136.28L337.95 138.57L351.03 141.86L364.22 146.59L377.45 153.25L390.61 162.35L403.76 174.39L416.95 189.72L430.13 208.16L443.33 228.97L456.51 250.72L469.69 271.81L482.87 290.8L496.05 306.79L509.23 319.5L522.41 329.16L535.59 336.24L548.78 341.31L561.96 344.87L575.14 347.34L588.32 349.04L601.5 350.19"/>
<g class="markers" fill="#CC79A7" clip-path="url(#p0-plot-area)"><circle cx="67.62" cy="131.38" r="2.6"/><circle cx="100.61" cy="131.38" r="2.6"/><circle cx="130.77" cy="131.39" r="2.6"/><circle cx="148.41" cy="131.4" r="2.6"/><circle cx="170.63" cy="131.42" r="2.6"/><circle cx="178.57" cy="131.44" r="2.6"/><circle cx="191.08" cy="131.46" r="2.6"/><circle cx="204.94" cy="131.51" r="2.6"/><circle cx="218.43" cy="131.58" r="2.6"/><circle cx="233.07" cy="131.69" r="2.6"/><circle cx="245.59" cy="131.84" r="2.6"/><circle cx="258.87" cy="132.07" r="2.6"/><circle cx="271.67" cy="132.39" r="2.6"/><circle cx="285.45" cy="132.91" r="2.6"/><circle cx="298.28" cy="133.62" r="2.6"/><circle cx="311.37" cy="134.68" r="2.6"/><circle cx="324.81" cy="136.28" r="2.6"/><circle cx="337.95" cy="138.57" r="2.6"/><circle cx="351.03" cy="141.86" r="2.6"/><circle cx="364.22" cy="146.59" r="2.6"/><circle cx="377.45" cy="153.25" r="2.6"/><circle cx="390.61" cy="162.35" r="2.6"/><circle cx="403.76" cy="174.39" r="2.6"/><circle cx="416.95" cy="189.72" r="2.6"/><circle cx="430.13" cy="208.16" r="2.6"/><circle cx="443.33" cy="228.97" r="2.6"/><circle cx="456.51" cy="250.72" r="2.6"/><circle cx="469.69" cy="271.81" r="2.6"/><circle cx="482.87" cy="290.8" r="2.6"/><circle cx="496.05" cy="306.79" r="2.6"/><circle cx="509.23" cy="319.5" r="2.6"/><circle cx="522.41" cy="329.16" r="2.6"/><circle cx="535.59" cy="336.24" r="2.6"/><circle cx="548.78" cy="341.31" r="2.6"/><circle cx="561.96" cy="344.87" r="2.6"/><circle cx="575.14" cy="347.34" r="2.6"/><circle cx="588.32" cy="349.04" r="2.6"/><circle cx="601.5" cy="350.19" r="2.6"/></g>
<rect class="frame" x="59.62" y="43" width="549.88" height="346.5" fill="none" stroke="#333333" stroke-width="1"/>
<g class="ticks" stroke="#333333" stroke-width="1">
<line x1="67.62" y1="389.5" x2="67.62" y2="394.5"/>
<line x1="100.61" y1="389.5" x2="100.61" y2="394.5"/>
<line x1="200.79" y1="389.5" x2="200.79" y2="394.5"/>
<line x1="300.97" y1="389.5" x2="300.97" y2="394.5"/>
<line x1="401.15" y1="389.5" x2="401.15" y2="394.5"/>
<line x1="501.32" y1="389.5" x2="501.32" y2="394.5"/>
<line x1="601.5" y1="389.5" x2="601.5" y2="394.5"/>
<line x1="130.77" y1="389.5" x2="130.77" y2="392.5"/>
<line x1="148.41" y1="389.5" x2="148.41" y2="392.5"/>
<line x1="160.93" y1="389.5" x2="160.93" y2="392.5"/>
<line x1="170.63" y1="389.5" x2="170.63" y2="392.5"/>
<line x1="178.57" y1="389.5" x2="178.57" y2="392.5"/>
<line x1="185.27" y1="389.5" x2="185.27" y2="392.5"/>
<line x1="191.08" y1="389.5" x2="191.08" y2="392.5"/>
<line x1="196.21" y1="389.5" x2="196.21" y2="392.5"/>
<line x1="230.95" y1="389.5" x2="230.95" y2="392.5"/>
<line x1="248.59" y1="389.5" x2="248.59" y2="392.5"/>
<line x1="261.1" y1="389.5" x2="261.1" y2="392.5"/>
<line x1="270.81" y1="389.5" x2="270.81" y2="392.5"/>
<line x1="278.74" y1="389.5" x2="278.74" y2="392.5"/>
<line x1="285.45" y1="389.5" x2="285.45" y2="392.5"/>
<line x1="291.26" y1="389.5" x2="291.26" y2="392.5"/>
<line x1="296.38" y1="389.5" x2="296.38" y2="392.5"/>
<line x1="331.12" y1="389.5" x2="331.12" y2="392.5"/>
<line x1="348.76" y1="389.5" x2="348.76" y2="392.5"/>
<line x1="361.28" y1="389.5" x2="361.28" y2="392.5"/>
<line x1="370.99" y1="389.5" x2="370.99" y2="392.5"/>
<line x1="378.92" y1="389.5" x2="378.92" y2="392.5"/>
<line x1="385.63" y1="389.5" x2="385.63" y2="392.5"/>
<line x1="391.44" y1="389.5" x2="391.44" y2="392.5"/>
<line x1="396.56" y1="389.5" x2="396.56" y2="392.5"/>
<line x1="431.3" y1="389.5" x2="431.3" y2="392.5"/>
<line x1="448.94" y1="389.5" x2="448.94" y2="392.5"/>
<line x1="461.46" y1="389.5" x2="461.46" y2="392.5"/>
<line x1="471.17" y1="389.5" x2="471.17" y2="392.5"/>
<line x1="479.1" y1="389.5" x2="479.1" y2="392.5"/>
<line x1="485.8" y1="389.5" x2="485.8" y2="392.5"/>
<line x1="491.61" y1="389.5" x2="491.61" y2="392.5"/>
<line x1="496.74" y1="389.5" x2="496.74" y2="392.5"/>
<line x1="531.48" y1="389.5" x2="531.48" y2="392.5"/>
<line x1="549.12" y1="389.5" x2="549.12" y2="392.5"/>
<line x1="561.64" y1="389.5" x2="561.64" y2="392.5"/>
<line x1="571.34" y1="389.5" x2="571.34" y2="392.5"/>
<line x1="579.28" y1="389.5" x2="579.28" y2="392.5"/>
<line x1="585.98" y1="389.5" x2="585.98" y2="392.5"/>
<line x1="591.79" y1="389.5" x2="591.79" y2="392.5"/>
<line x1="596.92" y1="389.5" x2="596.92" y2="392.5"/>
<line x1="54.62" y1="389.5" x2="59.62" y2="389.5"/>
<line x1="54.62" y1="297.31" x2="59.62" y2="297.31"/>
<line x1="54.62" y1="205.12" x2="59.62" y2="205.12"/>
<line x1="54.62" y1="112.94" x2="59.62" y2="112.94"/>
</g>
<g class="x-tick-labels" font-size="11" fill="#333333" text-anchor="middle">
<text x="67.62" y="406.3">0</text>
<text x="100.61" y="406.3">1</text>
<text x="200.79" y="406.3">10</text>
<text x="300.97" y="406.3">100</text>
<text x="401.15" y="406.3">1k</text>
<text x="501.32" y="406.3">10k</text>
<text x="601.5" y="406.3">100k</text>
</g>
<g class="y-tick-labels" font-size="11" fill="#333333" text-anchor="end">
<text x="51.62" y="393.35">0</text>
<text x="51.62" y="301.16">50</text>
<text x="51.62" y="208.97">100</text>
<text x="51.62" y="116.79">150</text>
</g>
<g class="axis-break"><rect x="80.62" y="384.5" width="7" height="10" fill="white"/><line x1="78.62" y1="393.5" x2="82.62" y2="385.5" stroke="#333333" stroke-width="1"/><line x1="85.62" y1="393.5" x2="89.62" y2="385.5" stroke="#333333" stroke-width="1"/></g>
<text class="x-label" x="334.56" y="427.5" text-anchor="middle" font-size="12.5" fill="#111111">training step</text>
<text class="y-label" x="20" y="216.25" transform="rotate(-90 20 216.25)" text-anchor="middle" font-size="12.5" fill="#111111">local rank</text>
<g class="legend" font-size="11" fill="#222222">
<rect x="623.5" y="43" width="86.5" height="93" rx="3" fill="white" stroke="#cccccc" stroke-width="1"/>
<line x1="631.5" y1="55.5" x2="657.5" y2="55.5" stroke="#0072B2" stroke-width="1.8"/><circle cx="644.5" cy="55.5" r="2.6" fill="#0072B2"/><text x="663.5" y="59.35">layer 0</text>
<line x1="631.5" y1="72.5" x2="657.5" y2="72.5" stroke="#E69F00" stroke-width="1.8"/><circle cx="644.5" cy="72.5" r="2.6" fill="#E69F00"/><text x="663.5" y="76.35">layer 1</text>
<line x1="631.5" y1="89.5" x2="657.5" y2="89.5" stroke="#009E73" stroke-width="1.8"/><circle cx="644.5" cy="89.5" r="2.6" fill="#009E73"/><text x="663.5" y="93.35">layer 2</text>
<line x1="631.5" y1="106.5" x2="657.5" y2="106.5" stroke="#D55E00" stroke-width="1.8"/><circle cx="644.5" cy="106.5" r="2.6" fill="#D55E00"/><text x="663.5" y="110.35">layer 3</text>
<line x1="631.5" y1="123.5" x2="657.5" y2="123.5" stroke="#CC79A7" stroke-width="1.8"/><circle cx="644.5" cy="123.5" r="2.6" fill="#CC79A7"/><text x="663.5" y="127.35">layer 4</text>
</g>
</g>
<g class="panel" transform="translate(0,440)">
<rect class="background" x="0" y="0" width="720" height="440" fill="white"/>
<defs><clipPath id="p1-plot-area"><rect x="51.88" y="59" width="411.57" height="334.5"/></clipPath></defs>
<text class="title" x="257.67" y="24.25" text-anchor="middle" font-size="15" font-weight="bold" fill="#111111">Local rank and accuracy against β</text>
<g class="grid" stroke="#e8e8e8" stroke-width="1">
<line x1="55.88" y1="389.5" x2="459.45" y2="389.5"/>
<line x1="55.88" y1="284.18" x2="459.45" y2="284.18"/>
<line x1="55.88" y1="178.85" x2="459.45" y2="178.85"/>
<line x1="55.88" y1="73.53" x2="459.45" y2="73.53"/>
<line x1="63.88" y1="63" x2="63.88" y2="389.5"/>
<line x1="141.39" y1="63" x2="141.39" y2="389.5"/>
<line x1="218.91" y1="63" x2="218.91" y2="389.5"/>
<line x1="296.42" y1="63" x2="296.42" y2="389.5"/>
<line x1="373.94" y1="63" x2="373.94" y2="389.5"/>
<line x1="451.45" y1="63" x2="451.45" y2="389.5"/>
</g>
<g class="marks" stroke="#888888" stroke-width="1.1" stroke-dasharray="5 3">
<line x1="273.09" y1="63" x2="273.09" y2="389.5"/>
<line x1="319.76" y1="63" x2="319.76" y2="389.5"/>
</g>
<path class="series" data-label="layer 1" fill="none" stroke="#0072B2" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#p1-plot-area)" d="M63.88 73.53L80.03 73.53L96.18 73.53L112.33 73.53L128.48 73.53L144.62 73.53L160.77 73.53L176.92 73.53L193.07 73.53L209.22 73.53L225.37 73.53L241.52 73.53L257.67 73.53L273.81 284.18L289.96 284.18L306.11 284.18L322.26 284.18L338.41 284.18L354.56 284.18L370.71 284.18L386.86 284.18L403 284.18L419.15 284.18L435.3 284.18L451.45 284.18"/>
<g class="markers" fill="#0072B2" clip-path="url(#p1-plot-area)"><circle cx="63.88" cy="73.53" r="2.6"/><circle cx="80.03" cy="73.53" r="2.6"/><circle cx="96.18" cy="73.53" r="2.6"/><circle cx="112.33" cy="73.53" r="2.6"/><circle cx="128.48" cy="73.53" r="2.6"/><circle cx="144.62" cy="73.53" r="2.6"/><circle cx="160.77" cy="73.53" r="2.6"/><circle cx="176.92" cy="73.53" r="2.6"/><circle cx="193.07" cy="73.53" r="2.6"/><circle cx="209.22" cy="73.53" r="2.6"/><circle cx="225.37" cy="73.53" r="2.6"/><circle cx="241.52" cy="73.53" r="2.6"/><circle cx="257.67" cy="73.53" r="2.6"/><circle cx="273.81" cy="284.18" r="2.6"/><circle cx="289.96" cy="284.18" r="2.6"/><circle cx="306.11" cy="284.18" r="2.6"/><circle cx="322.26" cy="284.18" r="2.6"/><circle cx="338.41" cy="284.18" r="2.6"/><circle cx="354.56" cy="284.18" r="2.6"/><circle cx="370.71" cy="284.18" r="2.6"/><circle cx="386.86" cy="284.18" r="2.6"/><circle cx="403" cy="284.18" r="2.6"/><circle cx="419.15" cy="284.18" r="2.6"/><circle cx="435.3" cy="284.18" r="2.6"/><circle cx="451.45" cy="284.18" r="2.6"/></g>
<path class="series secondary" data-label="test accuracy (right axis)" fill="none" stroke="#E69F00" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" stroke-dasharray="6 3.5" clip-path="url(#p1-plot-area)" d="M63.88 78.4L80.03 78.59L96.18 78.9L112.33 79.4L128.48 80.2L144.62 81.48L160.77 83.53L176.92 86.79L193.07 91.9L209.22 99.81L225.37 111.74L241.52 129.07L257.67 152.91L273.81 183.39L289.96 218.9L306.11 256.05L322.26 290.78L338.41 320L354.56 342.48L370.71 358.62L386.86 369.64L403 376.9L419.15 381.58L435.3 384.55L451.45 386.42"/>
<g class="markers" fill="#E69F00" clip-path="url(#p1-plot-area)"><circle cx="63.88" cy="78.4" r="2.6"/><circle cx="80.03" cy="78.59" r="2.6"/><circle cx="96.18" cy="78.9" r="2.6"/><circle cx="112.33" cy="79.4" r="2.6"/><circle cx="128.48" cy="80.2" r="2.6"/><circle cx="144.62" cy="81.48" r="2.6"/><circle cx="160.77" cy="83.53" r="2.6"/><circle cx="176.92" cy="86.79" r="2.6"/><circle cx="193.07" cy="91.9" r="2.6"/><circle cx="209.22" cy="99.81" r="2.6"/><circle cx="225.37" cy="111.74" r="2.6"/><circle cx="241.52" cy="129.07" r="2.6"/><circle cx="257.67" cy="152.91" r="2.6"/><circle cx="273.81" cy="183.39" r="2.6"/><circle cx="289.96" cy="218.9" r="2.6"/><circle cx="306.11" cy="256.05" r="2.6"/><circle cx="322.26" cy="290.78" r="2.6"/><circle cx="338.41" cy="320" r="2.6"/><circle cx="354.56" cy="342.48" r="2.6"/><circle cx="370.71" cy="358.62" r="2.6"/><circle cx="386.86" cy="369.64" r="2.6"/><circle cx="403" cy="376.9" r="2.6"/><circle cx="419.15" cy="381.58" r="2.6"/><circle cx="435.3" cy="384.55" r="2.6"/><circle cx="451.45" cy="386.42" r="2.6"/></g>
<rect class="frame" x="55.88" y="63" width="403.57" height="326.5" fill="none" stroke="#333333" stroke-width="1"/>
<g class="ticks" stroke="#333333" stroke-width="1">
<line x1="63.88" y1="389.5" x2="63.88" y2="394.5"/>
<line x1="141.39" y1="389.5" x2="141.39" y2="394.5"/>
<line x1="218.91" y1="389.5" x2="218.91" y2="394.5"/>
<line x1="296.42" y1="389.5" x2="296.42" y2="394.5"/>
<line x1="373.94" y1="389.5" x2="373.94" y2="394.5"/>
<line x1="451.45" y1="389.5" x2="451.45" y2="394.5"/>
<line x1="87.21" y1="389.5" x2="87.21" y2="392.5"/>
<line x1="100.86" y1="389.5" x2="100.86" y2="392.5"/>
<line x1="110.55" y1="389.5" x2="110.55" y2="392.5"/>
<line x1="118.06" y1="389.5" x2="118.06" y2="392.5"/>
<line x1="124.2" y1="389.5" x2="124.2" y2="392.5"/>
<line x1="129.39" y1="389.5" x2="129.39" y2="392.5"/>
<line x1="133.88" y1="389.5" x2="133.88" y2="392.5"/>
<line x1="137.85" y1="389.5" x2="137.85" y2="392.5"/>
<line x1="164.73" y1="389.5" x2="164.73" y2="392.5"/>
<line x1="178.38" y1="389.5" x2="178.38" y2="392.5"/>
<line x1="188.06" y1="389.5" x2="188.06" y2="392.5"/>
<line x1="195.57" y1="389.5" x2="195.57" y2="392.5"/>
<line x1="201.71" y1="389.5" x2="201.71" y2="392.5"/>
<line x1="206.9" y1="389.5" x2="206.9" y2="392.5"/>
<line x1="211.4" y1="389.5" x2="211.4" y2="392.5"/>
<line x1="215.36" y1="389.5" x2="215.36" y2="392.5"/>
<line x1="242.24" y1="389.5" x2="242.24" y2="392.5"/>
<line x1="255.89" y1="389.5" x2="255.89" y2="392.5"/>
<line x1="265.58" y1="389.5" x2="265.58" y2="392.5"/>
<line x1="273.09" y1="389.5" x2="273.09" y2="392.5"/>
<line x1="279.23" y1="389.5" x2="279.23" y2="392.5"/>
<line x1="284.41" y1="389.5" x2="284.41" y2="392.5"/>
<line x1="288.91" y1="389.5" x2="288.91" y2="392.5"/>
<line x1="292.88" y1="389.5" x2="292.88" y2="392.5"/>
<line x1="319.76" y1="389.5" x2="319.76" y2="392.5"/>
<line x1="333.41" y1="389.5" x2="333.41" y2="392.5"/>
<line x1="343.09" y1="389.5" x2="343.09" y2="392.5"/>
<line x1="350.6" y1="389.5" x2="350.6" y2="392.5"/>
<line x1="356.74" y1="389.5" x2="356.74" y2="392.5"/>
<line x1="361.93" y1="389.5" x2="361.93" y2="392.5"/>
<line x1="366.42" y1="389.5" x2="366.42" y2="392.5"/>
<line x1="370.39" y1="389.5" x2="370.39" y2="392.5"/>
<line x1="397.27" y1="389.5" x2="397.27" y2="392.5"/>
<line x1="410.92" y1="389.5" x2="410.92" y2="392.5"/>
<line x1="420.6" y1="389.5" x2="420.6" y2="392.5"/>
<line x1="428.12" y1="389.5" x2="428.12" y2="392.5"/>
<line x1="434.25" y1="389.5" x2="434.25" y2="392.5"/>
<line x1="439.44" y1="389.5" x2="439.44" y2="392.5"/>
<line x1="443.94" y1="389.5" x2="443.94" y2="392.5"/>
<line x1="447.9" y1="389.5" x2="447.9" y2="392.5"/>
<line x1="50.88" y1="389.5" x2="55.88" y2="389.5"/>
<line x1="50.88" y1="284.18" x2="55.88" y2="284.18"/>
<line x1="50.88" y1="178.85" x2="55.88" y2="178.85"/>
<line x1="50.88" y1="73.53" x2="55.88" y2="73.53"/>
<line x1="459.45" y1="389.5" x2="464.45" y2="389.5"/>
<line x1="459.45" y1="327.22" x2="464.45" y2="327.22"/>
<line x1="459.45" y1="264.94" x2="464.45" y2="264.94"/>
<line x1="459.45" y1="202.65" x2="464.45" y2="202.65"/>
<line x1="459.45" y1="140.37" x2="464.45" y2="140.37"/>
<line x1="459.45" y1="78.09" x2="464.45" y2="78.09"/>
</g>
<g class="x-tick-labels" font-size="11" fill="#333333" text-anchor="middle">
<text x="63.88" y="406.3">0.001</text>
<text x="141.39" y="406.3">0.01</text>
<text x="218.91" y="406.3">0.1</text>
<text x="296.42" y="406.3">1</text>
<text x="373.94" y="406.3">10</text>
<text x="451.45" y="406.3">100</text>
</g>
<g class="y-tick-labels" font-size="11" fill="#333333" text-anchor="end">
<text x="47.88" y="393.35">0</text>
<text x="47.88" y="288.03">1</text>
<text x="47.88" y="182.7">2</text>
<text x="47.88" y="77.38">3</text>
</g>
<g class="secondary-tick-labels" font-size="11" fill="#333333" text-anchor="start">
<text x="467.45" y="393.35">0</text>
<text x="467.45" y="331.07">0.2</text>
<text x="467.45" y="268.79">0.4</text>
<text x="467.45" y="206.5">0.6</text>
<text x="467.45" y="144.22">0.8</text>
<text x="467.45" y="81.94">1.0</text>
</g>
<text class="x-label" x="257.67" y="427.5" text-anchor="middle" font-size="12.5" fill="#111111">β</text>
<text class="y-label" x="20" y="226.25" transform="rotate(-90 20 226.25)" text-anchor="middle" font-size="12.5" fill="#111111">local rank</text>
<text class="secondary-label" x="495.33" y="226.25" transform="rotate(90 495.33 226.25)" text-anchor="middle" font-size="12.5" fill="#111111">accuracy</text>
<g class="mark-labels" font-size="10" fill="#555555">
<line x1="273.09" y1="50" x2="273.09" y2="63" stroke="#888888" stroke-width="1"/><text x="276.09" y="47">β* = 0.5</text>
<line x1="319.76" y1="62" x2="319.76" y2="63" stroke="#888888" stroke-width="1"/><text x="322.76" y="59">β₂* = 2</text>
</g>
<g class="legend" font-size="11" fill="#222222">
<rect x="519.33" y="63" width="190.67" height="42" rx="3" fill="white" stroke="#cccccc" stroke-width="1"/>
<line x1="527.33" y1="75.5" x2="553.33" y2="75.5" stroke="#0072B2" stroke-width="1.8"/><circle cx="540.33" cy="75.5" r="2.6" fill="#0072B2"/><text x="559.33" y="79.35">layer 1</text>
<line x1="527.33" y1="92.5" x2="553.33" y2="92.5" stroke="#E69F00" stroke-width="1.8" stroke-dasharray="6 3.5"/><circle cx="540.33" cy="92.5" r="2.6" fill="#E69F00"/><text x="559.33" y="96.35">test accuracy (right axis)</text>
</g>
</g>
</svg>

"""##,
    "empty grid": ##"""
<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="240" height="60" viewBox="0 0 240 60" font-family="sans-serif">
<rect width="240" height="60" fill="white"/>
<text x="120" y="34" text-anchor="middle" font-size="12" fill="#666666">no charts</text>
</svg>

"""##,
    "empty": ##"""
<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="720" height="440" viewBox="0 0 720 440" font-family="sans-serif">
<rect class="background" x="0" y="0" width="720" height="440" fill="white"/>
<defs><clipPath id="c-plot-area"><rect x="31.38" y="14" width="674.62" height="401"/></clipPath></defs>
<g class="grid" stroke="#e8e8e8" stroke-width="1">
<line x1="35.38" y1="411" x2="702" y2="411"/>
<line x1="35.38" y1="332.4" x2="702" y2="332.4"/>
<line x1="35.38" y1="253.8" x2="702" y2="253.8"/>
<line x1="35.38" y1="175.2" x2="702" y2="175.2"/>
<line x1="35.38" y1="96.6" x2="702" y2="96.6"/>
<line x1="35.38" y1="18" x2="702" y2="18"/>
<line x1="43.38" y1="18" x2="43.38" y2="411"/>
<line x1="173.5" y1="18" x2="173.5" y2="411"/>
<line x1="303.63" y1="18" x2="303.63" y2="411"/>
<line x1="433.75" y1="18" x2="433.75" y2="411"/>
<line x1="563.88" y1="18" x2="563.88" y2="411"/>
<line x1="694" y1="18" x2="694" y2="411"/>
</g>
<rect class="frame" x="35.38" y="18" width="666.62" height="393" fill="none" stroke="#333333" stroke-width="1"/>
<g class="ticks" stroke="#333333" stroke-width="1">
<line x1="43.38" y1="411" x2="43.38" y2="416"/>
<line x1="173.5" y1="411" x2="173.5" y2="416"/>
<line x1="303.63" y1="411" x2="303.63" y2="416"/>
<line x1="433.75" y1="411" x2="433.75" y2="416"/>
<line x1="563.88" y1="411" x2="563.88" y2="416"/>
<line x1="694" y1="411" x2="694" y2="416"/>
<line x1="30.38" y1="411" x2="35.38" y2="411"/>
<line x1="30.38" y1="332.4" x2="35.38" y2="332.4"/>
<line x1="30.38" y1="253.8" x2="35.38" y2="253.8"/>
<line x1="30.38" y1="175.2" x2="35.38" y2="175.2"/>
<line x1="30.38" y1="96.6" x2="35.38" y2="96.6"/>
<line x1="30.38" y1="18" x2="35.38" y2="18"/>
</g>
<g class="x-tick-labels" font-size="11" fill="#333333" text-anchor="middle">
<text x="43.38" y="427.8">0</text>
<text x="173.5" y="427.8">0.2</text>
<text x="303.63" y="427.8">0.4</text>
<text x="433.75" y="427.8">0.6</text>
<text x="563.88" y="427.8">0.8</text>
<text x="694" y="427.8">1.0</text>
</g>
<g class="y-tick-labels" font-size="11" fill="#333333" text-anchor="end">
<text x="27.38" y="414.85">0</text>
<text x="27.38" y="336.25">0.2</text>
<text x="27.38" y="257.65">0.4</text>
<text x="27.38" y="179.05">0.6</text>
<text x="27.38" y="100.45">0.8</text>
<text x="27.38" y="21.85">1.0</text>
</g>
<text class="no-data" x="368.69" y="214.5" text-anchor="middle" font-size="13" fill="#888888">no data</text>
</svg>

"""##,
    "gaps": ##"""
<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="720" height="440" viewBox="0 0 720 440" font-family="sans-serif">
<title>Gaps</title>
<rect class="background" x="0" y="0" width="720" height="440" fill="white"/>
<defs><clipPath id="c-plot-area"><rect x="48.58" y="39" width="569.87" height="354.5"/></clipPath></defs>
<text class="title" x="333.52" y="24.25" text-anchor="middle" font-size="15" font-weight="bold" fill="#111111">Gaps</text>
<g class="grid" stroke="#e8e8e8" stroke-width="1">
<line x1="52.58" y1="342.51" x2="614.45" y2="342.51"/>
<line x1="52.58" y1="290.44" x2="614.45" y2="290.44"/>
<line x1="52.58" y1="238.38" x2="614.45" y2="238.38"/>
<line x1="52.58" y1="186.31" x2="614.45" y2="186.31"/>
<line x1="52.58" y1="134.25" x2="614.45" y2="134.25"/>
<line x1="52.58" y1="82.18" x2="614.45" y2="82.18"/>
<line x1="60.58" y1="43" x2="60.58" y2="389.5"/>
<line x1="159.83" y1="43" x2="159.83" y2="389.5"/>
<line x1="259.08" y1="43" x2="259.08" y2="389.5"/>
<line x1="358.33" y1="43" x2="358.33" y2="389.5"/>
<line x1="457.58" y1="43" x2="457.58" y2="389.5"/>
<line x1="556.83" y1="43" x2="556.83" y2="389.5"/>
</g>
<path class="series" data-label="gappy" fill="none" stroke="#0072B2" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#c-plot-area)" d="M60.58 373.75L110.2 371.15L159.83 363.34M259.08 332.1L308.7 308.67M407.95 246.19M507.2 162.88L556.83 113.42L606.45 58.75"/>
<g class="markers" fill="#0072B2" clip-path="url(#c-plot-area)"><circle cx="60.58" cy="373.75" r="2.6"/><circle cx="110.2" cy="371.15" r="2.6"/><circle cx="159.83" cy="363.34" r="2.6"/><circle cx="259.08" cy="332.1" r="2.6"/><circle cx="308.7" cy="308.67" r="2.6"/><circle cx="407.95" cy="246.19" r="2.6"/><circle cx="507.2" cy="162.88" r="2.6"/><circle cx="556.83" cy="113.42" r="2.6"/><circle cx="606.45" cy="58.75" r="2.6"/></g>
<rect class="frame" x="52.58" y="43" width="561.87" height="346.5" fill="none" stroke="#333333" stroke-width="1"/>
<g class="ticks" stroke="#333333" stroke-width="1">
<line x1="60.58" y1="389.5" x2="60.58" y2="394.5"/>
<line x1="159.83" y1="389.5" x2="159.83" y2="394.5"/>
<line x1="259.08" y1="389.5" x2="259.08" y2="394.5"/>
<line x1="358.33" y1="389.5" x2="358.33" y2="394.5"/>
<line x1="457.58" y1="389.5" x2="457.58" y2="394.5"/>
<line x1="556.83" y1="389.5" x2="556.83" y2="394.5"/>
<line x1="47.58" y1="342.51" x2="52.58" y2="342.51"/>
<line x1="47.58" y1="290.44" x2="52.58" y2="290.44"/>
<line x1="47.58" y1="238.38" x2="52.58" y2="238.38"/>
<line x1="47.58" y1="186.31" x2="52.58" y2="186.31"/>
<line x1="47.58" y1="134.25" x2="52.58" y2="134.25"/>
<line x1="47.58" y1="82.18" x2="52.58" y2="82.18"/>
</g>
<g class="x-tick-labels" font-size="11" fill="#333333" text-anchor="middle">
<text x="60.58" y="406.3">0</text>
<text x="159.83" y="406.3">2</text>
<text x="259.08" y="406.3">4</text>
<text x="358.33" y="406.3">6</text>
<text x="457.58" y="406.3">8</text>
<text x="556.83" y="406.3">10</text>
</g>
<g class="y-tick-labels" font-size="11" fill="#333333" text-anchor="end">
<text x="44.58" y="346.36">0</text>
<text x="44.58" y="294.29">5</text>
<text x="44.58" y="242.23">10</text>
<text x="44.58" y="190.16">15</text>
<text x="44.58" y="138.1">20</text>
<text x="44.58" y="86.03">25</text>
</g>
<text class="x-label" x="333.52" y="427.5" text-anchor="middle" font-size="12.5" fill="#111111">x</text>
<text class="y-label" x="20" y="216.25" transform="rotate(-90 20 216.25)" text-anchor="middle" font-size="12.5" fill="#111111">y</text>
<g class="legend" font-size="11" fill="#222222">
<rect x="628.45" y="43" width="81.55" height="25" rx="3" fill="white" stroke="#cccccc" stroke-width="1"/>
<line x1="636.45" y1="55.5" x2="662.45" y2="55.5" stroke="#0072B2" stroke-width="1.8"/><circle cx="649.45" cy="55.5" r="2.6" fill="#0072B2"/><text x="668.45" y="59.35">gappy</text>
</g>
</svg>

"""##,
    "long dashed coloured": ##"""
<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="720" height="440" viewBox="0 0 720 440" font-family="sans-serif">
<title>Long</title>
<rect class="background" x="0" y="0" width="720" height="440" fill="white"/>
<defs><clipPath id="c-plot-area"><rect x="62.66" y="39" width="582.63" height="354.5"/></clipPath></defs>
<text class="title" x="353.98" y="24.25" text-anchor="middle" font-size="15" font-weight="bold" fill="#111111">Long</text>
<g class="grid" stroke="#e8e8e8" stroke-width="1">
<line x1="66.66" y1="389.5" x2="641.29" y2="389.5"/>
<line x1="66.66" y1="336.8" x2="641.29" y2="336.8"/>
<line x1="66.66" y1="284.1" x2="641.29" y2="284.1"/>
<line x1="66.66" y1="231.4" x2="641.29" y2="231.4"/>
<line x1="66.66" y1="178.7" x2="641.29" y2="178.7"/>
<line x1="66.66" y1="126" x2="641.29" y2="126"/>
<line x1="66.66" y1="73.3" x2="641.29" y2="73.3"/>
<line x1="74.66" y1="43" x2="74.66" y2="389.5"/>
<line x1="186.95" y1="43" x2="186.95" y2="389.5"/>
<line x1="299.23" y1="43" x2="299.23" y2="389.5"/>
<line x1="411.52" y1="43" x2="411.52" y2="389.5"/>
<line x1="523.81" y1="43" x2="523.81" y2="389.5"/>
</g>
<path class="series" data-label="a" fill="none" stroke="#0072B2" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" stroke-dasharray="6 3.5" clip-path="url(#c-plot-area)" d="M74.66 126L77.47 125.61L80.27 125.21L83.08 124.82L85.89 124.42L88.7 124.03L91.5 123.63L94.31 123.24L97.12 122.84L99.92 122.44L102.73 122.05L105.54 121.65L108.35 121.26L111.15 120.86L113.96 120.47L116.77 120.07L119.57 119.68L122.38 119.28L125.19 118.89L128 118.49L130.8 118.1L133.61 117.7L136.42 117.31L139.23 116.91L142.03 116.52L144.84 116.12L147.65 115.73L150.45 115.33L153.26 114.93L156.07 114.54L158.88 114.14L161.68 113.75L164.49 113.35L167.3 112.96L170.1 112.56L172.91 112.17L175.72 111.77L178.53 111.38L181.33 110.98L184.14 110.59L186.95 110.19L189.75 109.8L192.56 109.4L195.37 109.01L198.18 108.61L200.98 108.22L203.79 107.82L206.6 107.43L209.4 107.03L212.21 106.63L215.02 106.24L217.83 105.84L220.63 105.45L223.44 105.05L226.25 104.66L229.06 104.26L231.86 103.87L234.67 103.47L237.48 103.08L240.28 102.68L243.09 102.29L245.9 101.89L248.71 101.5L251.51 101.1L254.32 100.71L257.13 100.31L259.93 99.92L262.74 99.52L265.55 99.13L268.36 98.73L271.16 98.33L273.97 97.94L276.78 97.54L279.58 97.15L282.39 96.75L285.2 96.36L288.01 95.96L290.81 95.57L293.62 95.17L296.43 94.78L299.23 94.38L302.04 93.99L304.85 93.59L307.66 93.2L310.46 92.8L313.27 92.41L316.08 92.01L318.89 91.62L321.69 91.22L324.5 90.82L327.31 90.43L330.11 90.03L332.92 89.64L335.73 89.24L338.54 88.85L341.34 88.45L344.15 88.06L346.96 87.66L349.76 87.27L352.57 86.87L355.38 86.48L358.19 86.08L360.99 85.69L363.8 85.29L366.61 84.9L369.41 84.5L372.22 84.11L375.03 83.71L377.84 83.32L380.64 82.92L383.45 82.52L386.26 82.13L389.06 81.73L391.87 81.34L394.68 80.94L397.49 80.55L400.29 80.15L403.1 79.76L405.91 79.36L408.72 78.97L411.52 78.57L414.33 78.18L417.14 77.78L419.94 77.39L422.75 76.99L425.56 76.6L428.37 76.2L431.17 75.81L433.98 75.41L436.79 75.02L439.59 74.62L442.4 74.22L445.21 73.83L448.02 73.43L450.82 73.04L453.63 72.64L456.44 72.25L459.24 71.85L462.05 71.46L464.86 71.06L467.67 70.67L470.47 70.27L473.28 69.88L476.09 69.48L478.89 69.09L481.7 68.69L484.51 68.3L487.32 67.9L490.12 67.51L492.93 67.11L495.74 66.71L498.55 66.32L501.35 65.92L504.16 65.53L506.97 65.13L509.77 64.74L512.58 64.34L515.39 63.95L518.2 63.55L521 63.16L523.81 62.76L526.62 62.37L529.42 61.97L532.23 61.58L535.04 61.18L537.85 60.79L540.65 60.39L543.46 60L546.27 59.6L549.07 59.21L551.88 58.81L554.69 58.41L557.5 58.02L560.3 57.62L563.11 57.23L565.92 56.83L568.72 56.44L571.53 56.04L574.34 55.65L577.15 55.25L579.95 54.86L582.76 54.46L585.57 54.07L588.38 53.67L591.18 53.28L593.99 52.88L596.8 52.49L599.6 52.09L602.41 51.7L605.22 51.3L608.03 50.9L610.83 50.51L613.64 50.11L616.45 49.72L619.25 49.32L622.06 48.93L624.87 48.53L627.68 48.14L630.48 47.74L633.29 47.35"/>
<path class="series" data-label="b" fill="none" stroke="#123456" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#c-plot-area)" d="M74.66 46.95L77.47 47.08L80.27 47.22L83.08 47.35L85.89 47.48L88.7 47.61L91.5 47.74L94.31 47.87L97.12 48.01L99.92 48.14L102.73 48.27L105.54 48.4L108.35 48.53L111.15 48.67L113.96 48.8L116.77 48.93L119.57 49.06L122.38 49.19L125.19 49.32L128 49.46L130.8 49.59L133.61 49.72L136.42 49.85L139.23 49.98L142.03 50.11L144.84 50.25L147.65 50.38L150.45 50.51L153.26 50.64L156.07 50.77L158.88 50.9L161.68 51.04L164.49 51.17L167.3 51.3L170.1 51.43L172.91 51.56L175.72 51.7L178.53 51.83L181.33 51.96L184.14 52.09L186.95 52.22L189.75 52.35L192.56 52.49L195.37 52.62L198.18 52.75L200.98 52.88L203.79 53.01L206.6 53.14L209.4 53.28L212.21 53.41L215.02 53.54L217.83 53.67L220.63 53.8L223.44 53.94L226.25 54.07L229.06 54.2L231.86 54.33L234.67 54.46L237.48 54.59L240.28 54.73L243.09 54.86L245.9 54.99L248.71 55.12L251.51 55.25L254.32 55.38L257.13 55.52L259.93 55.65L262.74 55.78L265.55 55.91L268.36 56.04L271.16 56.17L273.97 56.31L276.78 56.44L279.58 56.57L282.39 56.7L285.2 56.83L288.01 56.97L290.81 57.1L293.62 57.23L296.43 57.36L299.23 57.49L302.04 57.62L304.85 57.76L307.66 57.89L310.46 58.02L313.27 58.15L316.08 58.28L318.89 58.41L321.69 58.55L324.5 58.68L327.31 58.81L330.11 58.94L332.92 59.07L335.73 59.21L338.54 59.34L341.34 59.47L344.15 59.6L346.96 59.73L349.76 59.86L352.57 60L355.38 60.13L358.19 60.26L360.99 60.39L363.8 60.52L366.61 60.65L369.41 60.79L372.22 60.92L375.03 61.05L377.84 61.18L380.64 61.31L383.45 61.44L386.26 61.58L389.06 61.71L391.87 61.84L394.68 61.97L397.49 62.1L400.29 62.24L403.1 62.37L405.91 62.5L408.72 62.63L411.52 62.76L414.33 62.89L417.14 63.03L419.94 63.16L422.75 63.29L425.56 63.42L428.37 63.55L431.17 63.68L433.98 63.82L436.79 63.95L439.59 64.08L442.4 64.21L445.21 64.34L448.02 64.48L450.82 64.61L453.63 64.74L456.44 64.87L459.24 65L462.05 65.13L464.86 65.27L467.67 65.4L470.47 65.53L473.28 65.66L476.09 65.79L478.89 65.92L481.7 66.06L484.51 66.19L487.32 66.32L490.12 66.45L492.93 66.58L495.74 66.71L498.55 66.85L501.35 66.98L504.16 67.11L506.97 67.24L509.77 67.37L512.58 67.51L515.39 67.64L518.2 67.77L521 67.9L523.81 68.03L526.62 68.16L529.42 68.3L532.23 68.43L535.04 68.56L537.85 68.69L540.65 68.82L543.46 68.95L546.27 69.09L549.07 69.22L551.88 69.35L554.69 69.48L557.5 69.61L560.3 69.75L563.11 69.88L565.92 70.01L568.72 70.14L571.53 70.27L574.34 70.4L577.15 70.54L579.95 70.67L582.76 70.8L585.57 70.93L588.38 71.06L591.18 71.19L593.99 71.33L596.8 71.46L599.6 71.59L602.41 71.72L605.22 71.85L608.03 71.98L610.83 72.12L613.64 72.25L616.45 72.38L619.25 72.51L622.06 72.64L624.87 72.78L627.68 72.91L630.48 73.04L633.29 73.17"/>
<rect class="frame" x="66.66" y="43" width="574.63" height="346.5" fill="none" stroke="#333333" stroke-width="1"/>
<g class="ticks" stroke="#333333" stroke-width="1">
<line x1="74.66" y1="389.5" x2="74.66" y2="394.5"/>
<line x1="186.95" y1="389.5" x2="186.95" y2="394.5"/>
<line x1="299.23" y1="389.5" x2="299.23" y2="394.5"/>
<line x1="411.52" y1="389.5" x2="411.52" y2="394.5"/>
<line x1="523.81" y1="389.5" x2="523.81" y2="394.5"/>
<line x1="61.66" y1="389.5" x2="66.66" y2="389.5"/>
<line x1="61.66" y1="336.8" x2="66.66" y2="336.8"/>
<line x1="61.66" y1="284.1" x2="66.66" y2="284.1"/>
<line x1="61.66" y1="231.4" x2="66.66" y2="231.4"/>
<line x1="61.66" y1="178.7" x2="66.66" y2="178.7"/>
<line x1="61.66" y1="126" x2="66.66" y2="126"/>
<line x1="61.66" y1="73.3" x2="66.66" y2="73.3"/>
</g>
<g class="x-tick-labels" font-size="11" fill="#333333" text-anchor="middle">
<text x="74.66" y="406.3">0</text>
<text x="186.95" y="406.3">20</text>
<text x="299.23" y="406.3">40</text>
<text x="411.52" y="406.3">60</text>
<text x="523.81" y="406.3">80</text>
</g>
<g class="y-tick-labels" font-size="11" fill="#333333" text-anchor="end">
<text x="58.66" y="393.35">0</text>
<text x="58.66" y="340.65">200</text>
<text x="58.66" y="287.95">400</text>
<text x="58.66" y="235.25">600</text>
<text x="58.66" y="182.55">800</text>
<text x="58.66" y="129.85">1000</text>
<text x="58.66" y="77.15">1200</text>
</g>
<text class="x-label" x="353.98" y="427.5" text-anchor="middle" font-size="12.5" fill="#111111">time</text>
<text class="y-label" x="20" y="216.25" transform="rotate(-90 20 216.25)" text-anchor="middle" font-size="12.5" fill="#111111">value</text>
<g class="legend" font-size="11" fill="#222222">
<rect x="655.29" y="43" width="54.71" height="42" rx="3" fill="white" stroke="#cccccc" stroke-width="1"/>
<line x1="663.29" y1="55.5" x2="689.29" y2="55.5" stroke="#0072B2" stroke-width="1.8" stroke-dasharray="6 3.5"/><text x="695.29" y="59.35">a</text>
<line x1="663.29" y1="72.5" x2="689.29" y2="72.5" stroke="#123456" stroke-width="1.8"/><text x="695.29" y="76.35">b</text>
</g>
</svg>

"""##,
    "palette overflow": ##"""
<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="720" height="440" viewBox="0 0 720 440" font-family="sans-serif">
<title>Fourteen series</title>
<rect class="background" x="0" y="0" width="720" height="440" fill="white"/>
<defs><clipPath id="c-plot-area"><rect x="48.58" y="39" width="505.85" height="354.5"/></clipPath></defs>
<text class="title" x="301.51" y="24.25" text-anchor="middle" font-size="15" font-weight="bold" fill="#111111">Fourteen series</text>
<g class="grid" stroke="#e8e8e8" stroke-width="1">
<line x1="52.58" y1="389.5" x2="550.43" y2="389.5"/>
<line x1="52.58" y1="292.17" x2="550.43" y2="292.17"/>
<line x1="52.58" y1="194.84" x2="550.43" y2="194.84"/>
<line x1="52.58" y1="97.51" x2="550.43" y2="97.51"/>
<line x1="60.58" y1="43" x2="60.58" y2="389.5"/>
<line x1="140.89" y1="43" x2="140.89" y2="389.5"/>
<line x1="221.2" y1="43" x2="221.2" y2="389.5"/>
<line x1="301.51" y1="43" x2="301.51" y2="389.5"/>
<line x1="381.81" y1="43" x2="381.81" y2="389.5"/>
<line x1="462.12" y1="43" x2="462.12" y2="389.5"/>
<line x1="542.43" y1="43" x2="542.43" y2="389.5"/>
</g>
<path class="series" data-label="series number 0" fill="none" stroke="#0072B2" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#c-plot-area)" d="M60.58 370.03L221.2 350.57L381.81 331.1L542.43 311.63"/>
<g class="markers" fill="#0072B2" clip-path="url(#c-plot-area)"><circle cx="60.58" cy="370.03" r="2.6"/><circle cx="221.2" cy="350.57" r="2.6"/><circle cx="381.81" cy="331.1" r="2.6"/><circle cx="542.43" cy="311.63" r="2.6"/></g>
<path class="series" data-label="series number 1" fill="none" stroke="#E69F00" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#c-plot-area)" d="M60.58 350.57L221.2 331.1L381.81 311.63L542.43 292.17"/>
<g class="markers" fill="#E69F00" clip-path="url(#c-plot-area)"><circle cx="60.58" cy="350.57" r="2.6"/><circle cx="221.2" cy="331.1" r="2.6"/><circle cx="381.81" cy="311.63" r="2.6"/><circle cx="542.43" cy="292.17" r="2.6"/></g>
<path class="series" data-label="series number 2" fill="none" stroke="#009E73" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#c-plot-area)" d="M60.58 331.1L221.2 311.63L381.81 292.17L542.43 272.7"/>
<g class="markers" fill="#009E73" clip-path="url(#c-plot-area)"><circle cx="60.58" cy="331.1" r="2.6"/><circle cx="221.2" cy="311.63" r="2.6"/><circle cx="381.81" cy="292.17" r="2.6"/><circle cx="542.43" cy="272.7" r="2.6"/></g>
<path class="series" data-label="series number 3" fill="none" stroke="#D55E00" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#c-plot-area)" d="M60.58 311.63L221.2 292.17L381.81 272.7L542.43 253.24"/>
<g class="markers" fill="#D55E00" clip-path="url(#c-plot-area)"><circle cx="60.58" cy="311.63" r="2.6"/><circle cx="221.2" cy="292.17" r="2.6"/><circle cx="381.81" cy="272.7" r="2.6"/><circle cx="542.43" cy="253.24" r="2.6"/></g>
<path class="series" data-label="series number 4" fill="none" stroke="#CC79A7" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#c-plot-area)" d="M60.58 292.17L221.2 272.7L381.81 253.24L542.43 233.77"/>
<g class="markers" fill="#CC79A7" clip-path="url(#c-plot-area)"><circle cx="60.58" cy="292.17" r="2.6"/><circle cx="221.2" cy="272.7" r="2.6"/><circle cx="381.81" cy="253.24" r="2.6"/><circle cx="542.43" cy="233.77" r="2.6"/></g>
<path class="series" data-label="series number 5" fill="none" stroke="#56B4E9" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#c-plot-area)" d="M60.58 272.7L221.2 253.24L381.81 233.77L542.43 214.3"/>
<g class="markers" fill="#56B4E9" clip-path="url(#c-plot-area)"><circle cx="60.58" cy="272.7" r="2.6"/><circle cx="221.2" cy="253.24" r="2.6"/><circle cx="381.81" cy="233.77" r="2.6"/><circle cx="542.43" cy="214.3" r="2.6"/></g>
<path class="series" data-label="series number 6" fill="none" stroke="#000000" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#c-plot-area)" d="M60.58 253.24L221.2 233.77L381.81 214.3L542.43 194.84"/>
<g class="markers" fill="#000000" clip-path="url(#c-plot-area)"><circle cx="60.58" cy="253.24" r="2.6"/><circle cx="221.2" cy="233.77" r="2.6"/><circle cx="381.81" cy="214.3" r="2.6"/><circle cx="542.43" cy="194.84" r="2.6"/></g>
<path class="series" data-label="series number 7" fill="none" stroke="#8C564B" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#c-plot-area)" d="M60.58 233.77L221.2 214.3L381.81 194.84L542.43 175.37"/>
<g class="markers" fill="#8C564B" clip-path="url(#c-plot-area)"><circle cx="60.58" cy="233.77" r="2.6"/><circle cx="221.2" cy="214.3" r="2.6"/><circle cx="381.81" cy="194.84" r="2.6"/><circle cx="542.43" cy="175.37" r="2.6"/></g>
<path class="series" data-label="series number 8" fill="none" stroke="#7F7F7F" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#c-plot-area)" d="M60.58 214.3L221.2 194.84L381.81 175.37L542.43 155.9"/>
<g class="markers" fill="#7F7F7F" clip-path="url(#c-plot-area)"><circle cx="60.58" cy="214.3" r="2.6"/><circle cx="221.2" cy="194.84" r="2.6"/><circle cx="381.81" cy="175.37" r="2.6"/><circle cx="542.43" cy="155.9" r="2.6"/></g>
<path class="series" data-label="series number 9" fill="none" stroke="#BCBD22" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#c-plot-area)" d="M60.58 194.84L221.2 175.37L381.81 155.9L542.43 136.44"/>
<g class="markers" fill="#BCBD22" clip-path="url(#c-plot-area)"><circle cx="60.58" cy="194.84" r="2.6"/><circle cx="221.2" cy="175.37" r="2.6"/><circle cx="381.81" cy="155.9" r="2.6"/><circle cx="542.43" cy="136.44" r="2.6"/></g>
<path class="series" data-label="series number 10" fill="none" stroke="#17BECF" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#c-plot-area)" d="M60.58 175.37L221.2 155.9L381.81 136.44L542.43 116.97"/>
<g class="markers" fill="#17BECF" clip-path="url(#c-plot-area)"><circle cx="60.58" cy="175.37" r="2.6"/><circle cx="221.2" cy="155.9" r="2.6"/><circle cx="381.81" cy="136.44" r="2.6"/><circle cx="542.43" cy="116.97" r="2.6"/></g>
<path class="series" data-label="series number 11" fill="none" stroke="#F0E442" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#c-plot-area)" d="M60.58 155.9L221.2 136.44L381.81 116.97L542.43 97.51"/>
<g class="markers" fill="#F0E442" clip-path="url(#c-plot-area)"><circle cx="60.58" cy="155.9" r="2.6"/><circle cx="221.2" cy="136.44" r="2.6"/><circle cx="381.81" cy="116.97" r="2.6"/><circle cx="542.43" cy="97.51" r="2.6"/></g>
<path class="series" data-label="series number 12" fill="none" stroke="#0072B2" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" stroke-dasharray="6 3.5" clip-path="url(#c-plot-area)" d="M60.58 136.44L221.2 116.97L381.81 97.51L542.43 78.04"/>
<g class="markers" fill="#0072B2" clip-path="url(#c-plot-area)"><circle cx="60.58" cy="136.44" r="2.6"/><circle cx="221.2" cy="116.97" r="2.6"/><circle cx="381.81" cy="97.51" r="2.6"/><circle cx="542.43" cy="78.04" r="2.6"/></g>
<path class="series" data-label="series number 13" fill="none" stroke="#E69F00" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" stroke-dasharray="6 3.5" clip-path="url(#c-plot-area)" d="M60.58 116.97L221.2 97.51L381.81 78.04L542.43 58.57"/>
<g class="markers" fill="#E69F00" clip-path="url(#c-plot-area)"><circle cx="60.58" cy="116.97" r="2.6"/><circle cx="221.2" cy="97.51" r="2.6"/><circle cx="381.81" cy="78.04" r="2.6"/><circle cx="542.43" cy="58.57" r="2.6"/></g>
<rect class="frame" x="52.58" y="43" width="497.85" height="346.5" fill="none" stroke="#333333" stroke-width="1"/>
<g class="ticks" stroke="#333333" stroke-width="1">
<line x1="60.58" y1="389.5" x2="60.58" y2="394.5"/>
<line x1="140.89" y1="389.5" x2="140.89" y2="394.5"/>
<line x1="221.2" y1="389.5" x2="221.2" y2="394.5"/>
<line x1="301.51" y1="389.5" x2="301.51" y2="394.5"/>
<line x1="381.81" y1="389.5" x2="381.81" y2="394.5"/>
<line x1="462.12" y1="389.5" x2="462.12" y2="394.5"/>
<line x1="542.43" y1="389.5" x2="542.43" y2="394.5"/>
<line x1="47.58" y1="389.5" x2="52.58" y2="389.5"/>
<line x1="47.58" y1="292.17" x2="52.58" y2="292.17"/>
<line x1="47.58" y1="194.84" x2="52.58" y2="194.84"/>
<line x1="47.58" y1="97.51" x2="52.58" y2="97.51"/>
</g>
<g class="x-tick-labels" font-size="11" fill="#333333" text-anchor="middle">
<text x="60.58" y="406.3">1.0</text>
<text x="140.89" y="406.3">1.5</text>
<text x="221.2" y="406.3">2.0</text>
<text x="301.51" y="406.3">2.5</text>
<text x="381.81" y="406.3">3.0</text>
<text x="462.12" y="406.3">3.5</text>
<text x="542.43" y="406.3">4.0</text>
</g>
<g class="y-tick-labels" font-size="11" fill="#333333" text-anchor="end">
<text x="44.58" y="393.35">0</text>
<text x="44.58" y="296.02">5</text>
<text x="44.58" y="198.69">10</text>
<text x="44.58" y="101.36">15</text>
</g>
<text class="x-label" x="301.51" y="427.5" text-anchor="middle" font-size="12.5" fill="#111111">x</text>
<text class="y-label" x="20" y="216.25" transform="rotate(-90 20 216.25)" text-anchor="middle" font-size="12.5" fill="#111111">y</text>
<g class="legend" font-size="11" fill="#222222">
<rect x="564.43" y="43" width="145.57" height="246" rx="3" fill="white" stroke="#cccccc" stroke-width="1"/>
<line x1="572.43" y1="55.5" x2="598.43" y2="55.5" stroke="#0072B2" stroke-width="1.8"/><circle cx="585.43" cy="55.5" r="2.6" fill="#0072B2"/><text x="604.43" y="59.35">series number 0</text>
<line x1="572.43" y1="72.5" x2="598.43" y2="72.5" stroke="#E69F00" stroke-width="1.8"/><circle cx="585.43" cy="72.5" r="2.6" fill="#E69F00"/><text x="604.43" y="76.35">series number 1</text>
<line x1="572.43" y1="89.5" x2="598.43" y2="89.5" stroke="#009E73" stroke-width="1.8"/><circle cx="585.43" cy="89.5" r="2.6" fill="#009E73"/><text x="604.43" y="93.35">series number 2</text>
<line x1="572.43" y1="106.5" x2="598.43" y2="106.5" stroke="#D55E00" stroke-width="1.8"/><circle cx="585.43" cy="106.5" r="2.6" fill="#D55E00"/><text x="604.43" y="110.35">series number 3</text>
<line x1="572.43" y1="123.5" x2="598.43" y2="123.5" stroke="#CC79A7" stroke-width="1.8"/><circle cx="585.43" cy="123.5" r="2.6" fill="#CC79A7"/><text x="604.43" y="127.35">series number 4</text>
<line x1="572.43" y1="140.5" x2="598.43" y2="140.5" stroke="#56B4E9" stroke-width="1.8"/><circle cx="585.43" cy="140.5" r="2.6" fill="#56B4E9"/><text x="604.43" y="144.35">series number 5</text>
<line x1="572.43" y1="157.5" x2="598.43" y2="157.5" stroke="#000000" stroke-width="1.8"/><circle cx="585.43" cy="157.5" r="2.6" fill="#000000"/><text x="604.43" y="161.35">series number 6</text>
<line x1="572.43" y1="174.5" x2="598.43" y2="174.5" stroke="#8C564B" stroke-width="1.8"/><circle cx="585.43" cy="174.5" r="2.6" fill="#8C564B"/><text x="604.43" y="178.35">series number 7</text>
<line x1="572.43" y1="191.5" x2="598.43" y2="191.5" stroke="#7F7F7F" stroke-width="1.8"/><circle cx="585.43" cy="191.5" r="2.6" fill="#7F7F7F"/><text x="604.43" y="195.35">series number 8</text>
<line x1="572.43" y1="208.5" x2="598.43" y2="208.5" stroke="#BCBD22" stroke-width="1.8"/><circle cx="585.43" cy="208.5" r="2.6" fill="#BCBD22"/><text x="604.43" y="212.35">series number 9</text>
<line x1="572.43" y1="225.5" x2="598.43" y2="225.5" stroke="#17BECF" stroke-width="1.8"/><circle cx="585.43" cy="225.5" r="2.6" fill="#17BECF"/><text x="604.43" y="229.35">series number 10</text>
<line x1="572.43" y1="242.5" x2="598.43" y2="242.5" stroke="#F0E442" stroke-width="1.8"/><circle cx="585.43" cy="242.5" r="2.6" fill="#F0E442"/><text x="604.43" y="246.35">series number 11</text>
<line x1="572.43" y1="259.5" x2="598.43" y2="259.5" stroke="#0072B2" stroke-width="1.8" stroke-dasharray="6 3.5"/><circle cx="585.43" cy="259.5" r="2.6" fill="#0072B2"/><text x="604.43" y="263.35">series number 12</text>
<line x1="572.43" y1="276.5" x2="598.43" y2="276.5" stroke="#E69F00" stroke-width="1.8" stroke-dasharray="6 3.5"/><circle cx="585.43" cy="276.5" r="2.6" fill="#E69F00"/><text x="604.43" y="280.35">series number 13</text>
</g>
</svg>

"""##,
    "legend below": ##"""
<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="420" height="440" viewBox="0 0 420 440" font-family="sans-serif">
<rect class="background" x="0" y="0" width="420" height="440" fill="white"/>
<defs><clipPath id="c-plot-area"><rect x="28.08" y="14" width="377.92" height="310.5"/></clipPath></defs>
<g class="grid" stroke="#e8e8e8" stroke-width="1">
<line x1="32.08" y1="320.5" x2="402" y2="320.5"/>
<line x1="32.08" y1="224.47" x2="402" y2="224.47"/>
<line x1="32.08" y1="128.44" x2="402" y2="128.44"/>
<line x1="32.08" y1="32.4" x2="402" y2="32.4"/>
<line x1="40.08" y1="18" x2="40.08" y2="320.5"/>
<line x1="128.56" y1="18" x2="128.56" y2="320.5"/>
<line x1="217.04" y1="18" x2="217.04" y2="320.5"/>
<line x1="305.52" y1="18" x2="305.52" y2="320.5"/>
<line x1="394" y1="18" x2="394" y2="320.5"/>
</g>
<path class="series" data-label="a rather long legend label that needs room 0" fill="none" stroke="#0072B2" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#c-plot-area)" d="M40.08 320.5L217.04 272.48L394 224.47"/>
<g class="markers" fill="#0072B2" clip-path="url(#c-plot-area)"><circle cx="40.08" cy="320.5" r="2.6"/><circle cx="217.04" cy="272.48" r="2.6"/><circle cx="394" cy="224.47" r="2.6"/></g>
<path class="series" data-label="a rather long legend label that needs room 1" fill="none" stroke="#E69F00" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#c-plot-area)" d="M40.08 320.5L217.04 224.47L394 128.44"/>
<g class="markers" fill="#E69F00" clip-path="url(#c-plot-area)"><circle cx="40.08" cy="320.5" r="2.6"/><circle cx="217.04" cy="224.47" r="2.6"/><circle cx="394" cy="128.44" r="2.6"/></g>
<path class="series" data-label="a rather long legend label that needs room 2" fill="none" stroke="#009E73" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#c-plot-area)" d="M40.08 320.5L217.04 176.45L394 32.4"/>
<g class="markers" fill="#009E73" clip-path="url(#c-plot-area)"><circle cx="40.08" cy="320.5" r="2.6"/><circle cx="217.04" cy="176.45" r="2.6"/><circle cx="394" cy="32.4" r="2.6"/></g>
<rect class="frame" x="32.08" y="18" width="369.92" height="302.5" fill="none" stroke="#333333" stroke-width="1"/>
<g class="ticks" stroke="#333333" stroke-width="1">
<line x1="40.08" y1="320.5" x2="40.08" y2="325.5"/>
<line x1="128.56" y1="320.5" x2="128.56" y2="325.5"/>
<line x1="217.04" y1="320.5" x2="217.04" y2="325.5"/>
<line x1="305.52" y1="320.5" x2="305.52" y2="325.5"/>
<line x1="394" y1="320.5" x2="394" y2="325.5"/>
<line x1="27.08" y1="320.5" x2="32.08" y2="320.5"/>
<line x1="27.08" y1="224.47" x2="32.08" y2="224.47"/>
<line x1="27.08" y1="128.44" x2="32.08" y2="128.44"/>
<line x1="27.08" y1="32.4" x2="32.08" y2="32.4"/>
</g>
<g class="x-tick-labels" font-size="11" fill="#333333" text-anchor="middle">
<text x="40.08" y="337.3">0</text>
<text x="128.56" y="337.3">5</text>
<text x="217.04" y="337.3">10</text>
<text x="305.52" y="337.3">15</text>
<text x="394" y="337.3">20</text>
</g>
<g class="y-tick-labels" font-size="11" fill="#333333" text-anchor="end">
<text x="24.08" y="324.35">0</text>
<text x="24.08" y="228.32">20</text>
<text x="24.08" y="132.29">40</text>
<text x="24.08" y="36.25">60</text>
</g>
<text class="x-label" x="217.04" y="358.5" text-anchor="middle" font-size="12.5" fill="#111111">x</text>
<g class="legend" font-size="11" fill="#222222">
<rect x="62.53" y="371" width="294.95" height="59" rx="3" fill="white" stroke="#cccccc" stroke-width="1"/>
<line x1="70.53" y1="383.5" x2="96.53" y2="383.5" stroke="#0072B2" stroke-width="1.8"/><circle cx="83.53" cy="383.5" r="2.6" fill="#0072B2"/><text x="102.53" y="387.35">a rather long legend label that needs room 0</text>
<line x1="70.53" y1="400.5" x2="96.53" y2="400.5" stroke="#E69F00" stroke-width="1.8"/><circle cx="83.53" cy="400.5" r="2.6" fill="#E69F00"/><text x="102.53" y="404.35">a rather long legend label that needs room 1</text>
<line x1="70.53" y1="417.5" x2="96.53" y2="417.5" stroke="#009E73" stroke-width="1.8"/><circle cx="83.53" cy="417.5" r="2.6" fill="#009E73"/><text x="102.53" y="421.35">a rather long legend label that needs room 2</text>
</g>
</svg>

"""##,
    "log y with notes": ##"""
<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="720" height="440" viewBox="0 0 720 440" font-family="sans-serif">
<title>Loss</title>
<rect class="background" x="0" y="0" width="720" height="440" fill="white"/>
<defs><clipPath id="c-plot-area"><rect x="58.92" y="39" width="567.34" height="311.5"/></clipPath></defs>
<text class="title" x="342.59" y="24.25" text-anchor="middle" font-size="15" font-weight="bold" fill="#111111">Loss</text>
<g class="grid" stroke="#e8e8e8" stroke-width="1">
<line x1="62.92" y1="271.98" x2="622.26" y2="271.98"/>
<line x1="62.92" y1="185.11" x2="622.26" y2="185.11"/>
<line x1="62.92" y1="98.24" x2="622.26" y2="98.24"/>
<line x1="70.92" y1="43" x2="70.92" y2="346.5"/>
<line x1="104.48" y1="43" x2="104.48" y2="346.5"/>
<line x1="274.41" y1="43" x2="274.41" y2="346.5"/>
<line x1="444.33" y1="43" x2="444.33" y2="346.5"/>
<line x1="614.26" y1="43" x2="614.26" y2="346.5"/>
</g>
<path class="series" data-label="train" fill="none" stroke="#0072B2" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#c-plot-area)" d="M70.92 56.8L104.48 124.39L274.41 211.26M614.26 332.7"/>
<g class="markers" fill="#0072B2" clip-path="url(#c-plot-area)"><circle cx="614.26" cy="332.7" r="2.6"/></g>
<path class="series" data-label="test" fill="none" stroke="#E69F00" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#c-plot-area)" d="M104.48 117.52M444.33 198.57L614.26 306.55"/>
<g class="markers" fill="#E69F00" clip-path="url(#c-plot-area)"><circle cx="104.48" cy="117.52" r="2.6"/></g>
<rect class="frame" x="62.92" y="43" width="559.34" height="303.5" fill="none" stroke="#333333" stroke-width="1"/>
<g class="ticks" stroke="#333333" stroke-width="1">
<line x1="70.92" y1="346.5" x2="70.92" y2="351.5"/>
<line x1="104.48" y1="346.5" x2="104.48" y2="351.5"/>
<line x1="274.41" y1="346.5" x2="274.41" y2="351.5"/>
<line x1="444.33" y1="346.5" x2="444.33" y2="351.5"/>
<line x1="614.26" y1="346.5" x2="614.26" y2="351.5"/>
<line x1="155.63" y1="346.5" x2="155.63" y2="349.5"/>
<line x1="185.56" y1="346.5" x2="185.56" y2="349.5"/>
<line x1="206.79" y1="346.5" x2="206.79" y2="349.5"/>
<line x1="223.25" y1="346.5" x2="223.25" y2="349.5"/>
<line x1="236.71" y1="346.5" x2="236.71" y2="349.5"/>
<line x1="248.08" y1="346.5" x2="248.08" y2="349.5"/>
<line x1="257.94" y1="346.5" x2="257.94" y2="349.5"/>
<line x1="266.63" y1="346.5" x2="266.63" y2="349.5"/>
<line x1="325.56" y1="346.5" x2="325.56" y2="349.5"/>
<line x1="355.48" y1="346.5" x2="355.48" y2="349.5"/>
<line x1="376.71" y1="346.5" x2="376.71" y2="349.5"/>
<line x1="393.18" y1="346.5" x2="393.18" y2="349.5"/>
<line x1="406.64" y1="346.5" x2="406.64" y2="349.5"/>
<line x1="418.01" y1="346.5" x2="418.01" y2="349.5"/>
<line x1="427.87" y1="346.5" x2="427.87" y2="349.5"/>
<line x1="436.56" y1="346.5" x2="436.56" y2="349.5"/>
<line x1="495.49" y1="346.5" x2="495.49" y2="349.5"/>
<line x1="525.41" y1="346.5" x2="525.41" y2="349.5"/>
<line x1="546.64" y1="346.5" x2="546.64" y2="349.5"/>
<line x1="563.11" y1="346.5" x2="563.11" y2="349.5"/>
<line x1="576.56" y1="346.5" x2="576.56" y2="349.5"/>
<line x1="587.94" y1="346.5" x2="587.94" y2="349.5"/>
<line x1="597.79" y1="346.5" x2="597.79" y2="349.5"/>
<line x1="606.48" y1="346.5" x2="606.48" y2="349.5"/>
<line x1="57.92" y1="271.98" x2="62.92" y2="271.98"/>
<line x1="57.92" y1="185.11" x2="62.92" y2="185.11"/>
<line x1="57.92" y1="98.24" x2="62.92" y2="98.24"/>
<line x1="59.92" y1="332.7" x2="62.92" y2="332.7"/>
<line x1="59.92" y1="317.41" x2="62.92" y2="317.41"/>
<line x1="59.92" y1="306.55" x2="62.92" y2="306.55"/>
<line x1="59.92" y1="298.14" x2="62.92" y2="298.14"/>
<line x1="59.92" y1="291.26" x2="62.92" y2="291.26"/>
<line x1="59.92" y1="285.44" x2="62.92" y2="285.44"/>
<line x1="59.92" y1="280.4" x2="62.92" y2="280.4"/>
<line x1="59.92" y1="275.96" x2="62.92" y2="275.96"/>
<line x1="59.92" y1="245.83" x2="62.92" y2="245.83"/>
<line x1="59.92" y1="230.54" x2="62.92" y2="230.54"/>
<line x1="59.92" y1="219.68" x2="62.92" y2="219.68"/>
<line x1="59.92" y1="211.26" x2="62.92" y2="211.26"/>
<line x1="59.92" y1="204.39" x2="62.92" y2="204.39"/>
<line x1="59.92" y1="198.57" x2="62.92" y2="198.57"/>
<line x1="59.92" y1="193.53" x2="62.92" y2="193.53"/>
<line x1="59.92" y1="189.09" x2="62.92" y2="189.09"/>
<line x1="59.92" y1="158.96" x2="62.92" y2="158.96"/>
<line x1="59.92" y1="143.67" x2="62.92" y2="143.67"/>
<line x1="59.92" y1="132.81" x2="62.92" y2="132.81"/>
<line x1="59.92" y1="124.39" x2="62.92" y2="124.39"/>
<line x1="59.92" y1="117.52" x2="62.92" y2="117.52"/>
<line x1="59.92" y1="111.7" x2="62.92" y2="111.7"/>
<line x1="59.92" y1="106.66" x2="62.92" y2="106.66"/>
<line x1="59.92" y1="102.22" x2="62.92" y2="102.22"/>
<line x1="59.92" y1="72.09" x2="62.92" y2="72.09"/>
<line x1="59.92" y1="56.8" x2="62.92" y2="56.8"/>
<line x1="59.92" y1="45.94" x2="62.92" y2="45.94"/>
</g>
<g class="x-tick-labels" font-size="11" fill="#333333" text-anchor="middle">
<text x="70.92" y="363.3">0</text>
<text x="104.48" y="363.3">1</text>
<text x="274.41" y="363.3">10</text>
<text x="444.33" y="363.3">100</text>
<text x="614.26" y="363.3">1k</text>
</g>
<g class="y-tick-labels" font-size="11" fill="#333333" text-anchor="end">
<text x="54.92" y="275.83">0.01</text>
<text x="54.92" y="188.96">0.1</text>
<text x="54.92" y="102.09">1</text>
</g>
<g class="axis-break"><rect x="84.2" y="341.5" width="7" height="10" fill="white"/><line x1="82.2" y1="350.5" x2="86.2" y2="342.5" stroke="#333333" stroke-width="1"/><line x1="89.2" y1="350.5" x2="93.2" y2="342.5" stroke="#333333" stroke-width="1"/></g>
<text class="x-label" x="342.59" y="384.5" text-anchor="middle" font-size="12.5" fill="#111111">step</text>
<text class="y-label" x="20" y="194.75" transform="rotate(-90 20 194.75)" text-anchor="middle" font-size="12.5" fill="#111111">loss</text>
<g class="legend" font-size="11" fill="#222222">
<rect x="636.26" y="43" width="73.74" height="42" rx="3" fill="white" stroke="#cccccc" stroke-width="1"/>
<line x1="644.26" y1="55.5" x2="670.26" y2="55.5" stroke="#0072B2" stroke-width="1.8"/><text x="676.26" y="59.35">train</text>
<line x1="644.26" y1="72.5" x2="670.26" y2="72.5" stroke="#E69F00" stroke-width="1.8"/><text x="676.26" y="76.35">test</text>
</g>
<g class="notes" font-size="10" font-style="italic" fill="#666666">
<text x="10" y="402">1 point with x &lt; 0 not shown (log axis)</text>
<text x="10" y="415">2 points with y ≤ 0 not shown (log axis)</text>
<text x="10" y="428">source: run.h5</text>
</g>
</svg>

"""##,
    "fixed ranges": ##"""
<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="720" height="440" viewBox="0 0 720 440" font-family="sans-serif">
<title>Fixed</title>
<rect class="background" x="0" y="0" width="720" height="440" fill="white"/>
<defs><clipPath id="c-plot-area"><rect x="48.58" y="39" width="461.33" height="354.5"/></clipPath></defs>
<text class="title" x="279.25" y="24.25" text-anchor="middle" font-size="15" font-weight="bold" fill="#111111">Fixed</text>
<g class="grid" stroke="#e8e8e8" stroke-width="1">
<line x1="52.58" y1="389.5" x2="505.91" y2="389.5"/>
<line x1="52.58" y1="302.88" x2="505.91" y2="302.88"/>
<line x1="52.58" y1="216.25" x2="505.91" y2="216.25"/>
<line x1="52.58" y1="129.63" x2="505.91" y2="129.63"/>
<line x1="52.58" y1="43" x2="505.91" y2="43"/>
<line x1="60.58" y1="43" x2="60.58" y2="389.5"/>
<line x1="206.36" y1="43" x2="206.36" y2="389.5"/>
<line x1="352.13" y1="43" x2="352.13" y2="389.5"/>
<line x1="497.91" y1="43" x2="497.91" y2="389.5"/>
</g>
<path class="series" data-label="rank" fill="none" stroke="#0072B2" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#c-plot-area)" d="M60.58 354.85L206.36 233.58L352.13 146.95L497.91 -130.25"/>
<g class="markers" fill="#0072B2" clip-path="url(#c-plot-area)"><circle cx="60.58" cy="354.85" r="2.6"/><circle cx="206.36" cy="233.58" r="2.6"/><circle cx="352.13" cy="146.95" r="2.6"/><circle cx="497.91" cy="-130.25" r="2.6"/></g>
<path class="series secondary" data-label="accuracy (right axis)" fill="none" stroke="#E69F00" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" stroke-dasharray="6 3.5" clip-path="url(#c-plot-area)" d="M60.58 354.85L206.36 216.25L352.13 112.3L497.91 -26.3"/>
<g class="markers" fill="#E69F00" clip-path="url(#c-plot-area)"><circle cx="60.58" cy="354.85" r="2.6"/><circle cx="206.36" cy="216.25" r="2.6"/><circle cx="352.13" cy="112.3" r="2.6"/><circle cx="497.91" cy="-26.3" r="2.6"/></g>
<rect class="frame" x="52.58" y="43" width="453.33" height="346.5" fill="none" stroke="#333333" stroke-width="1"/>
<g class="ticks" stroke="#333333" stroke-width="1">
<line x1="60.58" y1="389.5" x2="60.58" y2="394.5"/>
<line x1="206.36" y1="389.5" x2="206.36" y2="394.5"/>
<line x1="352.13" y1="389.5" x2="352.13" y2="394.5"/>
<line x1="497.91" y1="389.5" x2="497.91" y2="394.5"/>
<line x1="47.58" y1="389.5" x2="52.58" y2="389.5"/>
<line x1="47.58" y1="302.88" x2="52.58" y2="302.88"/>
<line x1="47.58" y1="216.25" x2="52.58" y2="216.25"/>
<line x1="47.58" y1="129.63" x2="52.58" y2="129.63"/>
<line x1="47.58" y1="43" x2="52.58" y2="43"/>
<line x1="505.91" y1="389.5" x2="510.91" y2="389.5"/>
<line x1="505.91" y1="320.2" x2="510.91" y2="320.2"/>
<line x1="505.91" y1="250.9" x2="510.91" y2="250.9"/>
<line x1="505.91" y1="181.6" x2="510.91" y2="181.6"/>
<line x1="505.91" y1="112.3" x2="510.91" y2="112.3"/>
<line x1="505.91" y1="43" x2="510.91" y2="43"/>
</g>
<g class="x-tick-labels" font-size="11" fill="#333333" text-anchor="middle">
<text x="60.58" y="406.3">0</text>
<text x="206.36" y="406.3">1</text>
<text x="352.13" y="406.3">2</text>
<text x="497.91" y="406.3">3</text>
</g>
<g class="y-tick-labels" font-size="11" fill="#333333" text-anchor="end">
<text x="44.58" y="393.35">0</text>
<text x="44.58" y="306.73">5</text>
<text x="44.58" y="220.1">10</text>
<text x="44.58" y="133.48">15</text>
<text x="44.58" y="46.85">20</text>
</g>
<g class="secondary-tick-labels" font-size="11" fill="#333333" text-anchor="start">
<text x="513.91" y="393.35">0</text>
<text x="513.91" y="324.05">0.2</text>
<text x="513.91" y="254.75">0.4</text>
<text x="513.91" y="185.45">0.6</text>
<text x="513.91" y="116.15">0.8</text>
<text x="513.91" y="46.85">1.0</text>
</g>
<text class="x-label" x="279.25" y="427.5" text-anchor="middle" font-size="12.5" fill="#111111">epoch</text>
<text class="y-label" x="20" y="216.25" transform="rotate(-90 20 216.25)" text-anchor="middle" font-size="12.5" fill="#111111">rank</text>
<g class="legend" font-size="11" fill="#222222">
<rect x="545.29" y="43" width="164.71" height="42" rx="3" fill="white" stroke="#cccccc" stroke-width="1"/>
<line x1="553.29" y1="55.5" x2="579.29" y2="55.5" stroke="#0072B2" stroke-width="1.8"/><circle cx="566.29" cy="55.5" r="2.6" fill="#0072B2"/><text x="585.29" y="59.35">rank</text>
<line x1="553.29" y1="72.5" x2="579.29" y2="72.5" stroke="#E69F00" stroke-width="1.8" stroke-dasharray="6 3.5"/><circle cx="566.29" cy="72.5" r="2.6" fill="#E69F00"/><text x="585.29" y="76.35">accuracy (right axis)</text>
</g>
</svg>

"""##,
    "crowded marks": ##"""
<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="300" height="220" viewBox="0 0 300 220" font-family="sans-serif">
<title>A title far too long to fit in the width of this small chart, so it is shrunk and then cut</title>
<rect class="background" x="0" y="0" width="300" height="220" fill="white"/>
<defs><clipPath id="c-plot-area"><rect x="41.54" y="79" width="183.75" height="94.5"/></clipPath></defs>
<text class="title" x="150" y="20.45" text-anchor="middle" font-size="11" font-weight="bold" fill="#111111">A title far too long to fit in the width of this s…</text>
<g class="grid" stroke="#e8e8e8" stroke-width="1">
<line x1="45.54" y1="169.5" x2="221.29" y2="169.5"/>
<line x1="45.54" y1="85.11" x2="221.29" y2="85.11"/>
<line x1="53.54" y1="83" x2="53.54" y2="169.5"/>
<line x1="186.67" y1="83" x2="186.67" y2="169.5"/>
</g>
<g class="marks" stroke="#888888" stroke-width="1.1" stroke-dasharray="5 3">
<line x1="66.85" y1="83" x2="66.85" y2="169.5"/>
<line x1="69.52" y1="83" x2="69.52" y2="169.5"/>
<line x1="72.18" y1="83" x2="72.18" y2="169.5"/>
<line x1="74.84" y1="83" x2="74.84" y2="169.5"/>
<line x1="77.5" y1="83" x2="77.5" y2="169.5"/>
<line x1="185.33" y1="83" x2="185.33" y2="169.5"/>
<line x1="213.29" y1="83" x2="213.29" y2="169.5"/>
</g>
<path class="series" data-label="s" fill="none" stroke="#0072B2" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#c-plot-area)" d="M53.54 127.3L186.67 85.11"/>
<g class="markers" fill="#0072B2" clip-path="url(#c-plot-area)"><circle cx="53.54" cy="127.3" r="2.6"/><circle cx="186.67" cy="85.11" r="2.6"/></g>
<rect class="frame" x="45.54" y="83" width="175.75" height="86.5" fill="none" stroke="#333333" stroke-width="1"/>
<g class="ticks" stroke="#333333" stroke-width="1">
<line x1="53.54" y1="169.5" x2="53.54" y2="174.5"/>
<line x1="186.67" y1="169.5" x2="186.67" y2="174.5"/>
<line x1="40.54" y1="169.5" x2="45.54" y2="169.5"/>
<line x1="40.54" y1="85.11" x2="45.54" y2="85.11"/>
</g>
<g class="x-tick-labels" font-size="11" fill="#333333" text-anchor="middle">
<text x="53.54" y="186.3">0</text>
<text x="186.67" y="186.3">100</text>
</g>
<g class="y-tick-labels" font-size="11" fill="#333333" text-anchor="end">
<text x="37.54" y="173.35">0</text>
<text x="37.54" y="88.96">2</text>
</g>
<text class="x-label" x="150" y="207.5" text-anchor="middle" font-size="12.5" fill="#111111">an x label that is also much too long for su…</text>
<text class="y-label" x="20" y="126.25" transform="rotate(-90 20 126.25)" text-anchor="middle" font-size="12.5" fill="#111111">y</text>
<g class="mark-labels" font-size="10" fill="#555555">
<line x1="66.85" y1="46" x2="66.85" y2="83" stroke="#888888" stroke-width="1"/><text x="69.85" y="43">first mark</text>
<line x1="69.52" y1="58" x2="69.52" y2="83" stroke="#888888" stroke-width="1"/><text x="72.52" y="55">second mark</text>
<line x1="72.18" y1="70" x2="72.18" y2="83" stroke="#888888" stroke-width="1"/><text x="75.18" y="67">third</text>
<line x1="74.84" y1="82" x2="74.84" y2="83" stroke="#888888" stroke-width="1"/><text x="77.84" y="79">fourth</text>
<line x1="77.5" y1="46" x2="77.5" y2="83" stroke="#888888" stroke-width="1"/><text x="80.5" y="43">fifth</text>
<line x1="185.33" y1="46" x2="185.33" y2="83" stroke="#888888" stroke-width="1"/><text x="188.33" y="43">at the right end</text>
<line x1="213.29" y1="70" x2="213.29" y2="83" stroke="#888888" stroke-width="1"/><text x="210.29" y="67" text-anchor="end">beyond the data</text>
</g>
<g class="legend" font-size="11" fill="#222222">
<rect x="235.29" y="83" width="54.71" height="25" rx="3" fill="white" stroke="#cccccc" stroke-width="1"/>
<line x1="243.29" y1="95.5" x2="269.29" y2="95.5" stroke="#0072B2" stroke-width="1.8"/><circle cx="256.29" cy="95.5" r="2.6" fill="#0072B2"/><text x="275.29" y="99.35">s</text>
</g>
</svg>

"""##,
    "escaping": ##"""
<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="720" height="440" viewBox="0 0 720 440" font-family="sans-serif">
<title>a &lt;b&gt; &amp; &quot;c&quot;</title>
<rect class="background" x="0" y="0" width="720" height="440" fill="white"/>
<defs><clipPath id="c-plot-area"><rect x="51.88" y="47" width="459.64" height="346.5"/></clipPath></defs>
<text class="title" x="281.7" y="24.25" text-anchor="middle" font-size="15" font-weight="bold" fill="#111111">a &lt;b&gt; &amp; &quot;c&quot;</text>
<g class="grid" stroke="#e8e8e8" stroke-width="1">
<line x1="55.88" y1="389.5" x2="507.52" y2="389.5"/>
<line x1="55.88" y1="306.94" x2="507.52" y2="306.94"/>
<line x1="55.88" y1="224.38" x2="507.52" y2="224.38"/>
<line x1="55.88" y1="141.82" x2="507.52" y2="141.82"/>
<line x1="55.88" y1="59.26" x2="507.52" y2="59.26"/>
<line x1="63.88" y1="51" x2="63.88" y2="389.5"/>
<line x1="151.01" y1="51" x2="151.01" y2="389.5"/>
<line x1="238.14" y1="51" x2="238.14" y2="389.5"/>
<line x1="325.26" y1="51" x2="325.26" y2="389.5"/>
<line x1="412.39" y1="51" x2="412.39" y2="389.5"/>
<line x1="499.52" y1="51" x2="499.52" y2="389.5"/>
</g>
<g class="marks" stroke="#888888" stroke-width="1.1" stroke-dasharray="5 3">
<line x1="281.7" y1="51" x2="281.7" y2="389.5"/>
</g>
<path class="series" data-label="layer &lt;1&gt; &amp; 2" fill="none" stroke="#0072B2" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#c-plot-area)" d="M63.88 224.38L499.52 59.26"/>
<g class="markers" fill="#0072B2" clip-path="url(#c-plot-area)"><circle cx="63.88" cy="224.38" r="2.6"/><circle cx="499.52" cy="59.26" r="2.6"/></g>
<path class="series secondary" data-label="acc&lt; (right axis)" fill="none" stroke="#E69F00" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" stroke-dasharray="6 3.5" clip-path="url(#c-plot-area)" d="M63.88 205.53L499.52 58.36"/>
<g class="markers" fill="#E69F00" clip-path="url(#c-plot-area)"><circle cx="63.88" cy="205.53" r="2.6"/><circle cx="499.52" cy="58.36" r="2.6"/></g>
<rect class="frame" x="55.88" y="51" width="451.64" height="338.5" fill="none" stroke="#333333" stroke-width="1"/>
<g class="ticks" stroke="#333333" stroke-width="1">
<line x1="63.88" y1="389.5" x2="63.88" y2="394.5"/>
<line x1="151.01" y1="389.5" x2="151.01" y2="394.5"/>
<line x1="238.14" y1="389.5" x2="238.14" y2="394.5"/>
<line x1="325.26" y1="389.5" x2="325.26" y2="394.5"/>
<line x1="412.39" y1="389.5" x2="412.39" y2="394.5"/>
<line x1="499.52" y1="389.5" x2="499.52" y2="394.5"/>
<line x1="50.88" y1="389.5" x2="55.88" y2="389.5"/>
<line x1="50.88" y1="306.94" x2="55.88" y2="306.94"/>
<line x1="50.88" y1="224.38" x2="55.88" y2="224.38"/>
<line x1="50.88" y1="141.82" x2="55.88" y2="141.82"/>
<line x1="50.88" y1="59.26" x2="55.88" y2="59.26"/>
<line x1="507.52" y1="389.5" x2="512.52" y2="389.5"/>
<line x1="507.52" y1="315.91" x2="512.52" y2="315.91"/>
<line x1="507.52" y1="242.33" x2="512.52" y2="242.33"/>
<line x1="507.52" y1="168.74" x2="512.52" y2="168.74"/>
<line x1="507.52" y1="95.15" x2="512.52" y2="95.15"/>
</g>
<g class="x-tick-labels" font-size="11" fill="#333333" text-anchor="middle">
<text x="63.88" y="406.3">1.0</text>
<text x="151.01" y="406.3">1.2</text>
<text x="238.14" y="406.3">1.4</text>
<text x="325.26" y="406.3">1.6</text>
<text x="412.39" y="406.3">1.8</text>
<text x="499.52" y="406.3">2.0</text>
</g>
<g class="y-tick-labels" font-size="11" fill="#333333" text-anchor="end">
<text x="47.88" y="393.35">0</text>
<text x="47.88" y="310.79">0.5</text>
<text x="47.88" y="228.23">1.0</text>
<text x="47.88" y="145.67">1.5</text>
<text x="47.88" y="63.11">2.0</text>
</g>
<g class="secondary-tick-labels" font-size="11" fill="#333333" text-anchor="start">
<text x="515.52" y="393.35">0</text>
<text x="515.52" y="319.76">0.2</text>
<text x="515.52" y="246.18">0.4</text>
<text x="515.52" y="172.59">0.6</text>
<text x="515.52" y="99">0.8</text>
</g>
<text class="x-label" x="281.7" y="427.5" text-anchor="middle" font-size="12.5" fill="#111111">x &lt;&amp;&gt;</text>
<text class="y-label" x="20" y="220.25" transform="rotate(-90 20 220.25)" text-anchor="middle" font-size="12.5" fill="#111111">y &apos;q&apos;</text>
<text class="secondary-label" x="543.4" y="220.25" transform="rotate(90 543.4 220.25)" text-anchor="middle" font-size="12.5" fill="#111111">acc &amp; loss</text>
<g class="mark-labels" font-size="10" fill="#555555">
<line x1="281.7" y1="50" x2="281.7" y2="51" stroke="#888888" stroke-width="1"/><text x="284.7" y="47">β&lt;crit&gt;</text>
</g>
<g class="legend" font-size="11" fill="#222222">
<rect x="567.4" y="51" width="142.6" height="42" rx="3" fill="white" stroke="#cccccc" stroke-width="1"/>
<line x1="575.4" y1="63.5" x2="601.4" y2="63.5" stroke="#0072B2" stroke-width="1.8"/><circle cx="588.4" cy="63.5" r="2.6" fill="#0072B2"/><text x="607.4" y="67.35">layer &lt;1&gt; &amp; 2</text>
<line x1="575.4" y1="80.5" x2="601.4" y2="80.5" stroke="#E69F00" stroke-width="1.8" stroke-dasharray="6 3.5"/><circle cx="588.4" cy="80.5" r="2.6" fill="#E69F00"/><text x="607.4" y="84.35">acc&lt; (right axis)</text>
</g>
</svg>

"""##,
    "bands": ##"""
<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="720" height="440" viewBox="0 0 720 440" font-family="sans-serif">
<title>Local rank over seeds</title>
<rect class="background" x="0" y="0" width="720" height="440" fill="white"/>
<defs><clipPath id="c-plot-area"><rect x="48.58" y="39" width="440.83" height="354.5"/></clipPath></defs>
<text class="title" x="269" y="24.25" text-anchor="middle" font-size="15" font-weight="bold" fill="#111111">Local rank over seeds</text>
<g class="grid" stroke="#e8e8e8" stroke-width="1">
<line x1="52.58" y1="389.5" x2="485.41" y2="389.5"/>
<line x1="52.58" y1="336.12" x2="485.41" y2="336.12"/>
<line x1="52.58" y1="282.74" x2="485.41" y2="282.74"/>
<line x1="52.58" y1="229.36" x2="485.41" y2="229.36"/>
<line x1="52.58" y1="175.98" x2="485.41" y2="175.98"/>
<line x1="52.58" y1="122.6" x2="485.41" y2="122.6"/>
<line x1="52.58" y1="69.22" x2="485.41" y2="69.22"/>
<line x1="60.58" y1="43" x2="60.58" y2="389.5"/>
<line x1="86.55" y1="43" x2="86.55" y2="389.5"/>
<line x1="216.39" y1="43" x2="216.39" y2="389.5"/>
<line x1="346.23" y1="43" x2="346.23" y2="389.5"/>
<line x1="476.07" y1="43" x2="476.07" y2="389.5"/>
</g>
<path class="band" data-label="mean ± std" fill="#0072B2" fill-opacity="0.2" stroke="none" clip-path="url(#c-plot-area)" d="M60.58 58.54L86.55 74.22L125.64 88.15L164.72 111.82L164.72 133.38L125.64 109.6L86.55 95.62L60.58 79.89ZM240.29 191.58L245.49 191.58L245.49 213.76L240.29 213.76ZM321.07 270.4L360.15 292.45L399.24 303.07L438.32 304.01L477.41 294.65L477.41 369.38L438.32 352.05L399.24 337.77L360.15 320.48L321.07 295.08Z"/>
<path class="band secondary" data-label="accuracy (right axis)" fill="#009E73" fill-opacity="0.2" stroke="none" clip-path="url(#c-plot-area)" d="M60.58 199.5L86.55 199.35L125.64 199.21L164.72 198.92L203.81 198.34L242.89 197.19L281.98 194.89L321.07 190.28L360.15 181.07L399.24 162.65L438.32 125.8L477.41 52.1L477.41 97.98L438.32 166.01L399.24 200.03L360.15 217.03L321.07 225.54L281.98 229.79L242.89 231.92L203.81 232.98L164.72 233.51L125.64 233.78L86.55 233.91L60.58 234.04Z"/>
<path class="series" data-label="mean ± std" fill="none" stroke="#0072B2" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#c-plot-area)" d="M60.58 69.22L86.55 84.92L125.64 98.87L164.72 122.6L203.81 158.19L242.89 202.67L281.98 247.15L321.07 282.74L360.15 306.46L399.24 320.42L438.32 328.03L477.41 332.01"/>
<g class="markers" fill="#0072B2" clip-path="url(#c-plot-area)"><circle cx="60.58" cy="69.22" r="2.6"/><circle cx="86.55" cy="84.92" r="2.6"/><circle cx="125.64" cy="98.87" r="2.6"/><circle cx="164.72" cy="122.6" r="2.6"/><circle cx="203.81" cy="158.19" r="2.6"/><circle cx="242.89" cy="202.67" r="2.6"/><circle cx="281.98" cy="247.15" r="2.6"/><circle cx="321.07" cy="282.74" r="2.6"/><circle cx="360.15" cy="306.46" r="2.6"/><circle cx="399.24" cy="320.42" r="2.6"/><circle cx="438.32" cy="328.03" r="2.6"/><circle cx="477.41" cy="332.01" r="2.6"/></g>
<path class="series" data-label="no band" fill="none" stroke="#E69F00" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#c-plot-area)" d="M60.58 229.36L86.55 237.21L125.64 244.19L164.72 256.05L203.81 273.84L242.89 296.08L281.98 318.33L321.07 336.12L360.15 347.98L399.24 354.96L438.32 358.77L477.41 360.76"/>
<g class="markers" fill="#E69F00" clip-path="url(#c-plot-area)"><circle cx="60.58" cy="229.36" r="2.6"/><circle cx="86.55" cy="237.21" r="2.6"/><circle cx="125.64" cy="244.19" r="2.6"/><circle cx="164.72" cy="256.05" r="2.6"/><circle cx="203.81" cy="273.84" r="2.6"/><circle cx="242.89" cy="296.08" r="2.6"/><circle cx="281.98" cy="318.33" r="2.6"/><circle cx="321.07" cy="336.12" r="2.6"/><circle cx="360.15" cy="347.98" r="2.6"/><circle cx="399.24" cy="354.96" r="2.6"/><circle cx="438.32" cy="358.77" r="2.6"/><circle cx="477.41" cy="360.76" r="2.6"/></g>
<path class="series secondary" data-label="accuracy (right axis)" fill="none" stroke="#009E73" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" stroke-dasharray="6 3.5" clip-path="url(#c-plot-area)" d="M60.58 216.77L86.55 216.63L125.64 216.49L164.72 216.22L203.81 215.66L242.89 214.56L281.98 212.35L321.07 207.92L360.15 199.08L399.24 181.39L438.32 146.02L477.41 75.27"/>
<g class="markers" fill="#009E73" clip-path="url(#c-plot-area)"><circle cx="60.58" cy="216.77" r="2.6"/><circle cx="86.55" cy="216.63" r="2.6"/><circle cx="125.64" cy="216.49" r="2.6"/><circle cx="164.72" cy="216.22" r="2.6"/><circle cx="203.81" cy="215.66" r="2.6"/><circle cx="242.89" cy="214.56" r="2.6"/><circle cx="281.98" cy="212.35" r="2.6"/><circle cx="321.07" cy="207.92" r="2.6"/><circle cx="360.15" cy="199.08" r="2.6"/><circle cx="399.24" cy="181.39" r="2.6"/><circle cx="438.32" cy="146.02" r="2.6"/><circle cx="477.41" cy="75.27" r="2.6"/></g>
<rect class="frame" x="52.58" y="43" width="432.83" height="346.5" fill="none" stroke="#333333" stroke-width="1"/>
<g class="ticks" stroke="#333333" stroke-width="1">
<line x1="60.58" y1="389.5" x2="60.58" y2="394.5"/>
<line x1="86.55" y1="389.5" x2="86.55" y2="394.5"/>
<line x1="216.39" y1="389.5" x2="216.39" y2="394.5"/>
<line x1="346.23" y1="389.5" x2="346.23" y2="394.5"/>
<line x1="476.07" y1="389.5" x2="476.07" y2="394.5"/>
<line x1="125.64" y1="389.5" x2="125.64" y2="392.5"/>
<line x1="148.5" y1="389.5" x2="148.5" y2="392.5"/>
<line x1="164.72" y1="389.5" x2="164.72" y2="392.5"/>
<line x1="177.3" y1="389.5" x2="177.3" y2="392.5"/>
<line x1="187.59" y1="389.5" x2="187.59" y2="392.5"/>
<line x1="196.28" y1="389.5" x2="196.28" y2="392.5"/>
<line x1="203.81" y1="389.5" x2="203.81" y2="392.5"/>
<line x1="210.45" y1="389.5" x2="210.45" y2="392.5"/>
<line x1="255.48" y1="389.5" x2="255.48" y2="392.5"/>
<line x1="278.34" y1="389.5" x2="278.34" y2="392.5"/>
<line x1="294.56" y1="389.5" x2="294.56" y2="392.5"/>
<line x1="307.15" y1="389.5" x2="307.15" y2="392.5"/>
<line x1="317.43" y1="389.5" x2="317.43" y2="392.5"/>
<line x1="326.12" y1="389.5" x2="326.12" y2="392.5"/>
<line x1="333.65" y1="389.5" x2="333.65" y2="392.5"/>
<line x1="340.29" y1="389.5" x2="340.29" y2="392.5"/>
<line x1="385.32" y1="389.5" x2="385.32" y2="392.5"/>
<line x1="408.18" y1="389.5" x2="408.18" y2="392.5"/>
<line x1="424.4" y1="389.5" x2="424.4" y2="392.5"/>
<line x1="436.99" y1="389.5" x2="436.99" y2="392.5"/>
<line x1="447.27" y1="389.5" x2="447.27" y2="392.5"/>
<line x1="455.96" y1="389.5" x2="455.96" y2="392.5"/>
<line x1="463.49" y1="389.5" x2="463.49" y2="392.5"/>
<line x1="470.13" y1="389.5" x2="470.13" y2="392.5"/>
<line x1="47.58" y1="389.5" x2="52.58" y2="389.5"/>
<line x1="47.58" y1="336.12" x2="52.58" y2="336.12"/>
<line x1="47.58" y1="282.74" x2="52.58" y2="282.74"/>
<line x1="47.58" y1="229.36" x2="52.58" y2="229.36"/>
<line x1="47.58" y1="175.98" x2="52.58" y2="175.98"/>
<line x1="47.58" y1="122.6" x2="52.58" y2="122.6"/>
<line x1="47.58" y1="69.22" x2="52.58" y2="69.22"/>
<line x1="485.41" y1="389.5" x2="490.41" y2="389.5"/>
<line x1="485.41" y1="320.41" x2="490.41" y2="320.41"/>
<line x1="485.41" y1="251.31" x2="490.41" y2="251.31"/>
<line x1="485.41" y1="182.22" x2="490.41" y2="182.22"/>
<line x1="485.41" y1="113.13" x2="490.41" y2="113.13"/>
<line x1="485.41" y1="44.04" x2="490.41" y2="44.04"/>
</g>
<g class="x-tick-labels" font-size="11" fill="#333333" text-anchor="middle">
<text x="60.58" y="406.3">0</text>
<text x="86.55" y="406.3">1</text>
<text x="216.39" y="406.3">10</text>
<text x="346.23" y="406.3">100</text>
<text x="476.07" y="406.3">1k</text>
</g>
<g class="y-tick-labels" font-size="11" fill="#333333" text-anchor="end">
<text x="44.58" y="393.35">0</text>
<text x="44.58" y="339.97">2</text>
<text x="44.58" y="286.59">4</text>
<text x="44.58" y="233.21">6</text>
<text x="44.58" y="179.83">8</text>
<text x="44.58" y="126.45">10</text>
<text x="44.58" y="73.07">12</text>
</g>
<g class="secondary-tick-labels" font-size="11" fill="#333333" text-anchor="start">
<text x="493.41" y="393.35">0</text>
<text x="493.41" y="324.26">0.2</text>
<text x="493.41" y="255.16">0.4</text>
<text x="493.41" y="186.07">0.6</text>
<text x="493.41" y="116.98">0.8</text>
<text x="493.41" y="47.89">1.0</text>
</g>
<g class="axis-break"><rect x="70.06" y="384.5" width="7" height="10" fill="white"/><line x1="68.06" y1="393.5" x2="72.06" y2="385.5" stroke="#333333" stroke-width="1"/><line x1="75.06" y1="393.5" x2="79.06" y2="385.5" stroke="#333333" stroke-width="1"/></g>
<text class="x-label" x="269" y="427.5" text-anchor="middle" font-size="12.5" fill="#111111">step</text>
<text class="y-label" x="20" y="216.25" transform="rotate(-90 20 216.25)" text-anchor="middle" font-size="12.5" fill="#111111">rank</text>
<text class="secondary-label" x="521.29" y="216.25" transform="rotate(90 521.29 216.25)" text-anchor="middle" font-size="12.5" fill="#111111">accuracy</text>
<g class="legend" font-size="11" fill="#222222">
<rect x="545.29" y="43" width="164.71" height="59" rx="3" fill="white" stroke="#cccccc" stroke-width="1"/>
<line x1="553.29" y1="55.5" x2="579.29" y2="55.5" stroke="#0072B2" stroke-width="1.8"/><circle cx="566.29" cy="55.5" r="2.6" fill="#0072B2"/><text x="585.29" y="59.35">mean ± std</text>
<line x1="553.29" y1="72.5" x2="579.29" y2="72.5" stroke="#E69F00" stroke-width="1.8"/><circle cx="566.29" cy="72.5" r="2.6" fill="#E69F00"/><text x="585.29" y="76.35">no band</text>
<line x1="553.29" y1="89.5" x2="579.29" y2="89.5" stroke="#009E73" stroke-width="1.8" stroke-dasharray="6 3.5"/><circle cx="566.29" cy="89.5" r="2.6" fill="#009E73"/><text x="585.29" y="93.35">accuracy (right axis)</text>
</g>
</svg>

"""##,
    "degenerate": ##"""
<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="2160" height="880" viewBox="0 0 2160 880" font-family="sans-serif">
<title>one; log one; nan; flat; no positive x; tiny</title>
<rect width="2160" height="880" fill="white"/>
<g class="panel" transform="translate(0,0) scale(2.4)">
<rect class="background" x="0" y="0" width="300" height="183" fill="white"/>
<defs><clipPath id="p0-plot-area"><rect x="41.54" y="39" width="244.46" height="62.5"/></clipPath></defs>
<text class="title" x="163.77" y="24.25" text-anchor="middle" font-size="15" font-weight="bold" fill="#111111">one</text>
<g class="grid" stroke="#e8e8e8" stroke-width="1">
<line x1="45.54" y1="97.5" x2="282" y2="97.5"/>
<line x1="45.54" y1="60.43" x2="282" y2="60.43"/>
<line x1="90.28" y1="43" x2="90.28" y2="97.5"/>
<line x1="237.26" y1="43" x2="237.26" y2="97.5"/>
</g>
<path class="series" data-label="single" fill="none" stroke="#0072B2" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#p0-plot-area)" d="M163.77 45.6"/>
<g class="markers" fill="#0072B2" clip-path="url(#p0-plot-area)"><circle cx="163.77" cy="45.6" r="2.6"/></g>
<rect class="frame" x="45.54" y="43" width="236.46" height="54.5" fill="none" stroke="#333333" stroke-width="1"/>
<g class="ticks" stroke="#333333" stroke-width="1">
<line x1="90.28" y1="97.5" x2="90.28" y2="102.5"/>
<line x1="237.26" y1="97.5" x2="237.26" y2="102.5"/>
<line x1="40.54" y1="97.5" x2="45.54" y2="97.5"/>
<line x1="40.54" y1="60.43" x2="45.54" y2="60.43"/>
</g>
<g class="x-tick-labels" font-size="11" fill="#333333" text-anchor="middle">
<text x="90.28" y="114.3">2</text>
<text x="237.26" y="114.3">4</text>
</g>
<g class="y-tick-labels" font-size="11" fill="#333333" text-anchor="end">
<text x="37.54" y="101.35">0</text>
<text x="37.54" y="64.28">5</text>
</g>
<text class="x-label" x="163.77" y="135.5" text-anchor="middle" font-size="12.5" fill="#111111">x</text>
<text class="y-label" x="20" y="70.25" transform="rotate(-90 20 70.25)" text-anchor="middle" font-size="12.5" fill="#111111">y</text>
<g class="legend" font-size="11" fill="#222222">
<rect x="109.28" y="148" width="81.44" height="25" rx="3" fill="white" stroke="#cccccc" stroke-width="1"/>
<line x1="117.28" y1="160.5" x2="143.28" y2="160.5" stroke="#0072B2" stroke-width="1.8"/><circle cx="130.28" cy="160.5" r="2.6" fill="#0072B2"/><text x="149.28" y="164.35">single</text>
</g>
</g>
<g class="panel" transform="translate(720,0) scale(2.4)">
<rect class="background" x="0" y="0" width="300" height="183" fill="white"/>
<defs><clipPath id="p1-plot-area"><rect x="41.54" y="39" width="244.46" height="48"/></clipPath></defs>
<text class="title" x="163.77" y="24.25" text-anchor="middle" font-size="15" font-weight="bold" fill="#111111">log one</text>
<g class="grid" stroke="#e8e8e8" stroke-width="1">
<line x1="45.54" y1="83" x2="282" y2="83"/>
<line x1="45.54" y1="55.79" x2="282" y2="55.79"/>
<line x1="53.54" y1="43" x2="53.54" y2="83"/>
<line x1="163.77" y1="43" x2="163.77" y2="83"/>
<line x1="274" y1="43" x2="274" y2="83"/>
</g>
<path class="series" data-label="single" fill="none" stroke="#0072B2" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#p1-plot-area)" d="M163.77 44.9"/>
<g class="markers" fill="#0072B2" clip-path="url(#p1-plot-area)"><circle cx="163.77" cy="44.9" r="2.6"/></g>
<rect class="frame" x="45.54" y="43" width="236.46" height="40" fill="none" stroke="#333333" stroke-width="1"/>
<g class="ticks" stroke="#333333" stroke-width="1">
<line x1="53.54" y1="83" x2="53.54" y2="88"/>
<line x1="163.77" y1="83" x2="163.77" y2="88"/>
<line x1="274" y1="83" x2="274" y2="88"/>
<line x1="40.54" y1="83" x2="45.54" y2="83"/>
<line x1="40.54" y1="55.79" x2="45.54" y2="55.79"/>
</g>
<g class="x-tick-labels" font-size="11" fill="#333333" text-anchor="middle">
<text x="53.54" y="99.8">−1</text>
<text x="163.77" y="99.8">0</text>
<text x="274" y="99.8">1</text>
</g>
<g class="y-tick-labels" font-size="11" fill="#333333" text-anchor="end">
<text x="37.54" y="86.85">0</text>
<text x="37.54" y="59.64">5</text>
</g>
<text class="x-label" x="163.77" y="121" text-anchor="middle" font-size="12.5" fill="#111111">x</text>
<text class="y-label" x="20" y="63" transform="rotate(-90 20 63)" text-anchor="middle" font-size="12.5" fill="#111111">y</text>
<g class="legend" font-size="11" fill="#222222">
<rect x="109.28" y="133.5" width="81.44" height="25" rx="3" fill="white" stroke="#cccccc" stroke-width="1"/>
<line x1="117.28" y1="146" x2="143.28" y2="146" stroke="#0072B2" stroke-width="1.8"/><circle cx="130.28" cy="146" r="2.6" fill="#0072B2"/><text x="149.28" y="149.85">single</text>
</g>
<g class="notes" font-size="10" font-style="italic" fill="#666666">
<text x="10" y="171">no positive x values: linear x axis</text>
</g>
</g>
<g class="panel" transform="translate(1440,0) scale(2.4)">
<rect class="background" x="0" y="0" width="300" height="183" fill="white"/>
<defs><clipPath id="p2-plot-area"><rect x="51.88" y="39" width="159.99" height="97.5"/></clipPath></defs>
<text class="title" x="131.88" y="24.25" text-anchor="middle" font-size="15" font-weight="bold" fill="#111111">nan</text>
<g class="grid" stroke="#e8e8e8" stroke-width="1">
<line x1="55.88" y1="132.5" x2="207.87" y2="132.5"/>
<line x1="55.88" y1="87.75" x2="207.87" y2="87.75"/>
<line x1="55.88" y1="43" x2="207.87" y2="43"/>
<line x1="63.88" y1="43" x2="63.88" y2="132.5"/>
<line x1="131.88" y1="43" x2="131.88" y2="132.5"/>
<line x1="199.87" y1="43" x2="199.87" y2="132.5"/>
</g>
<path class="series" data-label="nan" fill="none" stroke="#0072B2" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#p2-plot-area)" d=""/>
<rect class="frame" x="55.88" y="43" width="151.99" height="89.5" fill="none" stroke="#333333" stroke-width="1"/>
<g class="ticks" stroke="#333333" stroke-width="1">
<line x1="63.88" y1="132.5" x2="63.88" y2="137.5"/>
<line x1="131.88" y1="132.5" x2="131.88" y2="137.5"/>
<line x1="199.87" y1="132.5" x2="199.87" y2="137.5"/>
<line x1="50.88" y1="132.5" x2="55.88" y2="132.5"/>
<line x1="50.88" y1="87.75" x2="55.88" y2="87.75"/>
<line x1="50.88" y1="43" x2="55.88" y2="43"/>
</g>
<g class="x-tick-labels" font-size="11" fill="#333333" text-anchor="middle">
<text x="63.88" y="149.3">0</text>
<text x="131.88" y="149.3">0.5</text>
<text x="199.87" y="149.3">1.0</text>
</g>
<g class="y-tick-labels" font-size="11" fill="#333333" text-anchor="end">
<text x="47.88" y="136.35">0</text>
<text x="47.88" y="91.6">0.5</text>
<text x="47.88" y="46.85">1.0</text>
</g>
<text class="x-label" x="131.88" y="170.5" text-anchor="middle" font-size="12.5" fill="#111111">x</text>
<text class="y-label" x="20" y="87.75" transform="rotate(-90 20 87.75)" text-anchor="middle" font-size="12.5" fill="#111111">y</text>
<g class="legend" font-size="11" fill="#222222">
<rect x="221.87" y="43" width="68.13" height="25" rx="3" fill="white" stroke="#cccccc" stroke-width="1"/>
<line x1="229.87" y1="55.5" x2="255.87" y2="55.5" stroke="#0072B2" stroke-width="1.8"/><circle cx="242.87" cy="55.5" r="2.6" fill="#0072B2"/><text x="261.87" y="59.35">nan</text>
</g>
<text class="no-data" x="131.88" y="87.75" text-anchor="middle" font-size="13" fill="#888888">no data</text>
</g>
<g class="panel" transform="translate(0,440) scale(2.4)">
<rect class="background" x="0" y="0" width="300" height="183" fill="white"/>
<defs><clipPath id="p3-plot-area"><rect x="51.88" y="39" width="234.12" height="62.5"/></clipPath></defs>
<text class="title" x="168.94" y="24.25" text-anchor="middle" font-size="15" font-weight="bold" fill="#111111">flat</text>
<g class="grid" stroke="#e8e8e8" stroke-width="1">
<line x1="55.88" y1="97.5" x2="282" y2="97.5"/>
<line x1="55.88" y1="70.25" x2="282" y2="70.25"/>
<line x1="55.88" y1="43" x2="282" y2="43"/>
<line x1="63.88" y1="43" x2="63.88" y2="97.5"/>
<line x1="168.94" y1="43" x2="168.94" y2="97.5"/>
<line x1="274" y1="43" x2="274" y2="97.5"/>
</g>
<path class="series" data-label="zero" fill="none" stroke="#0072B2" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#p3-plot-area)" d="M168.94 97.5L168.94 97.5L168.94 97.5"/>
<g class="markers" fill="#0072B2" clip-path="url(#p3-plot-area)"><circle cx="168.94" cy="97.5" r="2.6"/><circle cx="168.94" cy="97.5" r="2.6"/><circle cx="168.94" cy="97.5" r="2.6"/></g>
<rect class="frame" x="55.88" y="43" width="226.12" height="54.5" fill="none" stroke="#333333" stroke-width="1"/>
<g class="ticks" stroke="#333333" stroke-width="1">
<line x1="63.88" y1="97.5" x2="63.88" y2="102.5"/>
<line x1="168.94" y1="97.5" x2="168.94" y2="102.5"/>
<line x1="274" y1="97.5" x2="274" y2="102.5"/>
<line x1="50.88" y1="97.5" x2="55.88" y2="97.5"/>
<line x1="50.88" y1="70.25" x2="55.88" y2="70.25"/>
<line x1="50.88" y1="43" x2="55.88" y2="43"/>
</g>
<g class="x-tick-labels" font-size="11" fill="#333333" text-anchor="middle">
<text x="63.88" y="114.3">0.5</text>
<text x="168.94" y="114.3">1.0</text>
<text x="274" y="114.3">1.5</text>
</g>
<g class="y-tick-labels" font-size="11" fill="#333333" text-anchor="end">
<text x="47.88" y="101.35">0</text>
<text x="47.88" y="74.1">0.5</text>
<text x="47.88" y="46.85">1.0</text>
</g>
<text class="x-label" x="168.94" y="135.5" text-anchor="middle" font-size="12.5" fill="#111111">x</text>
<text class="y-label" x="20" y="70.25" transform="rotate(-90 20 70.25)" text-anchor="middle" font-size="12.5" fill="#111111">y</text>
<g class="legend" font-size="11" fill="#222222">
<rect x="113.68" y="148" width="72.64" height="25" rx="3" fill="white" stroke="#cccccc" stroke-width="1"/>
<line x1="121.68" y1="160.5" x2="147.68" y2="160.5" stroke="#0072B2" stroke-width="1.8"/><circle cx="134.68" cy="160.5" r="2.6" fill="#0072B2"/><text x="153.68" y="164.35">zero</text>
</g>
</g>
<g class="panel" transform="translate(720,440) scale(2.4)">
<rect class="background" x="0" y="0" width="300" height="183" fill="white"/>
<defs><clipPath id="p4-plot-area"><rect x="41.54" y="39" width="183.75" height="80.5"/></clipPath></defs>
<text class="title" x="133.42" y="24.25" text-anchor="middle" font-size="15" font-weight="bold" fill="#111111">no positive x</text>
<g class="grid" stroke="#e8e8e8" stroke-width="1">
<line x1="45.54" y1="115.5" x2="221.29" y2="115.5"/>
<line x1="45.54" y1="68.73" x2="221.29" y2="68.73"/>
<line x1="106.79" y1="43" x2="106.79" y2="115.5"/>
<line x1="213.29" y1="43" x2="213.29" y2="115.5"/>
</g>
<path class="series" data-label="n" fill="none" stroke="#0072B2" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#p4-plot-area)" d="M53.54 92.11L160.04 68.73L213.29 45.34"/>
<g class="markers" fill="#0072B2" clip-path="url(#p4-plot-area)"><circle cx="53.54" cy="92.11" r="2.6"/><circle cx="160.04" cy="68.73" r="2.6"/><circle cx="213.29" cy="45.34" r="2.6"/></g>
<rect class="frame" x="45.54" y="43" width="175.75" height="72.5" fill="none" stroke="#333333" stroke-width="1"/>
<g class="ticks" stroke="#333333" stroke-width="1">
<line x1="106.79" y1="115.5" x2="106.79" y2="120.5"/>
<line x1="213.29" y1="115.5" x2="213.29" y2="120.5"/>
<line x1="40.54" y1="115.5" x2="45.54" y2="115.5"/>
<line x1="40.54" y1="68.73" x2="45.54" y2="68.73"/>
</g>
<g class="x-tick-labels" font-size="11" fill="#333333" text-anchor="middle">
<text x="106.79" y="132.3">−2</text>
<text x="213.29" y="132.3">0</text>
</g>
<g class="y-tick-labels" font-size="11" fill="#333333" text-anchor="end">
<text x="37.54" y="119.35">0</text>
<text x="37.54" y="72.58">2</text>
</g>
<text class="x-label" x="133.42" y="153.5" text-anchor="middle" font-size="12.5" fill="#111111">x</text>
<text class="y-label" x="20" y="79.25" transform="rotate(-90 20 79.25)" text-anchor="middle" font-size="12.5" fill="#111111">y</text>
<g class="legend" font-size="11" fill="#222222">
<rect x="235.29" y="43" width="54.71" height="25" rx="3" fill="white" stroke="#cccccc" stroke-width="1"/>
<line x1="243.29" y1="55.5" x2="269.29" y2="55.5" stroke="#0072B2" stroke-width="1.8"/><circle cx="256.29" cy="55.5" r="2.6" fill="#0072B2"/><text x="275.29" y="59.35">n</text>
</g>
<g class="notes" font-size="10" font-style="italic" fill="#666666">
<text x="10" y="171">no positive x values: linear x axis</text>
</g>
</g>
<g class="panel" transform="translate(1440,440) scale(2.4)">
<rect class="background" x="0" y="0" width="300" height="183" fill="white"/>
<defs><clipPath id="p5-plot-area"><rect x="41.54" y="39" width="185.95" height="97.5"/></clipPath></defs>
<text class="title" x="134.52" y="24.25" text-anchor="middle" font-size="15" font-weight="bold" fill="#111111">tiny</text>
<g class="grid" stroke="#e8e8e8" stroke-width="1">
<line x1="45.54" y1="103.4" x2="223.49" y2="103.4"/>
<line x1="53.54" y1="43" x2="53.54" y2="132.5"/>
<line x1="134.51" y1="43" x2="134.51" y2="132.5"/>
<line x1="215.49" y1="43" x2="215.49" y2="132.5"/>
</g>
<path class="series" data-label="t" fill="none" stroke="#0072B2" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#p5-plot-area)" d="M53.54 128.43L134.51 97.14L215.49 47.07"/>
<g class="markers" fill="#0072B2" clip-path="url(#p5-plot-area)"><circle cx="53.54" cy="128.43" r="2.6"/><circle cx="134.51" cy="97.14" r="2.6"/><circle cx="215.49" cy="47.07" r="2.6"/></g>
<rect class="frame" x="45.54" y="43" width="177.95" height="89.5" fill="none" stroke="#333333" stroke-width="1"/>
<g class="ticks" stroke="#333333" stroke-width="1">
<line x1="53.54" y1="132.5" x2="53.54" y2="137.5"/>
<line x1="134.51" y1="132.5" x2="134.51" y2="137.5"/>
<line x1="215.49" y1="132.5" x2="215.49" y2="137.5"/>
<line x1="40.54" y1="103.4" x2="45.54" y2="103.4"/>
</g>
<g class="x-tick-labels" font-size="11" fill="#333333" text-anchor="middle">
<text x="53.54" y="149.3">1e-6</text>
<text x="134.51" y="149.3">2e-6</text>
<text x="215.49" y="149.3">3e-6</text>
</g>
<g class="y-tick-labels" font-size="11" fill="#333333" text-anchor="end">
<text x="37.54" y="107.25">0</text>
</g>
<text class="x-label" x="134.52" y="170.5" text-anchor="middle" font-size="12.5" fill="#111111">x</text>
<text class="y-label" x="20" y="87.75" transform="rotate(-90 20 87.75)" text-anchor="middle" font-size="12.5" fill="#111111">y</text>
<g class="legend" font-size="11" fill="#222222">
<rect x="237.49" y="43" width="52.51" height="25" rx="3" fill="white" stroke="#cccccc" stroke-width="1"/>
<line x1="245.49" y1="55.5" x2="271.49" y2="55.5" stroke="#0072B2" stroke-width="1.8"/><circle cx="258.49" cy="55.5" r="2.6" fill="#0072B2"/><text x="277.49" y="59.35">t</text>
</g>
</g>
</svg>

"""##,
    "coinciding": ##"""
<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="720" height="440" viewBox="0 0 720 440" font-family="sans-serif">
<title>Two layers at 32</title>
<rect class="background" x="0" y="0" width="720" height="440" fill="white"/>
<defs><clipPath id="c-plot-area"><rect x="48.58" y="39" width="564.92" height="337.5"/></clipPath></defs>
<text class="title" x="331.04" y="24.25" text-anchor="middle" font-size="15" font-weight="bold" fill="#111111">Two layers at 32</text>
<g class="grid" stroke="#e8e8e8" stroke-width="1">
<line x1="52.58" y1="372.5" x2="609.5" y2="372.5"/>
<line x1="52.58" y1="274.43" x2="609.5" y2="274.43"/>
<line x1="52.58" y1="176.37" x2="609.5" y2="176.37"/>
<line x1="52.58" y1="78.3" x2="609.5" y2="78.3"/>
<line x1="60.58" y1="43" x2="60.58" y2="372.5"/>
<line x1="94" y1="43" x2="94" y2="372.5"/>
<line x1="263.16" y1="43" x2="263.16" y2="372.5"/>
<line x1="432.33" y1="43" x2="432.33" y2="372.5"/>
<line x1="601.5" y1="43" x2="601.5" y2="372.5"/>
</g>
<path class="band" data-label="layer 0" fill="#0072B2" fill-opacity="0.2" stroke="none" clip-path="url(#c-plot-area)" d="M60.58 58.69L94 58.69L263.16 58.69L432.33 58.69L601.5 58.69L601.5 78.3L432.33 97.92L263.16 117.53L94 88.11L60.58 58.69Z"/>
<path class="band" data-label="layer 2" fill="#009E73" fill-opacity="0.2" stroke="none" clip-path="url(#c-plot-area)" d="M60.58 176.37L94 225.4L263.16 274.43L432.33 313.66L601.5 343.08L601.5 372.5L432.33 372.5L263.16 372.5L94 284.24L60.58 176.37Z"/>
<path class="series" data-label="layer 0" fill="none" stroke="#0072B2" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#c-plot-area)" d="M60.58 58.69L94 58.69L263.16 58.69L432.33 58.69L601.5 58.69"/>
<g class="markers" fill="#0072B2" clip-path="url(#c-plot-area)"><circle cx="60.58" cy="58.69" r="2.6"/><circle cx="94" cy="58.69" r="2.6"/><circle cx="263.16" cy="58.69" r="2.6"/><circle cx="432.33" cy="58.69" r="2.6"/><circle cx="601.5" cy="58.69" r="2.6"/></g>
<path class="series" data-label="layer 1" fill="none" stroke="#E69F00" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" stroke-dasharray="6 3.5" clip-path="url(#c-plot-area)" d="M60.58 58.69L94 58.69L263.16 58.69L432.33 58.79L601.5 58.69"/>
<g class="markers" fill="#E69F00" clip-path="url(#c-plot-area)"><circle cx="60.58" cy="58.69" r="2.6"/><circle cx="94" cy="58.69" r="2.6"/><circle cx="263.16" cy="58.69" r="2.6"/><circle cx="432.33" cy="58.79" r="2.6"/><circle cx="601.5" cy="58.69" r="2.6"/></g>
<path class="series" data-label="layer 2" fill="none" stroke="#009E73" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#c-plot-area)" d="M60.58 176.37L94 254.82L263.16 333.27L432.33 352.89L601.5 362.69"/>
<g class="markers" fill="#009E73" clip-path="url(#c-plot-area)"><circle cx="60.58" cy="176.37" r="2.6"/><circle cx="94" cy="254.82" r="2.6"/><circle cx="263.16" cy="333.27" r="2.6"/><circle cx="432.33" cy="352.89" r="2.6"/><circle cx="601.5" cy="362.69" r="2.6"/></g>
<rect class="frame" x="52.58" y="43" width="556.92" height="329.5" fill="none" stroke="#333333" stroke-width="1"/>
<g class="ticks" stroke="#333333" stroke-width="1">
<line x1="60.58" y1="372.5" x2="60.58" y2="377.5"/>
<line x1="94" y1="372.5" x2="94" y2="377.5"/>
<line x1="263.16" y1="372.5" x2="263.16" y2="377.5"/>
<line x1="432.33" y1="372.5" x2="432.33" y2="377.5"/>
<line x1="601.5" y1="372.5" x2="601.5" y2="377.5"/>
<line x1="144.92" y1="372.5" x2="144.92" y2="375.5"/>
<line x1="174.71" y1="372.5" x2="174.71" y2="375.5"/>
<line x1="195.84" y1="372.5" x2="195.84" y2="375.5"/>
<line x1="212.24" y1="372.5" x2="212.24" y2="375.5"/>
<line x1="225.63" y1="372.5" x2="225.63" y2="375.5"/>
<line x1="236.96" y1="372.5" x2="236.96" y2="375.5"/>
<line x1="246.77" y1="372.5" x2="246.77" y2="375.5"/>
<line x1="255.42" y1="372.5" x2="255.42" y2="375.5"/>
<line x1="314.09" y1="372.5" x2="314.09" y2="375.5"/>
<line x1="343.88" y1="372.5" x2="343.88" y2="375.5"/>
<line x1="365.01" y1="372.5" x2="365.01" y2="375.5"/>
<line x1="381.41" y1="372.5" x2="381.41" y2="375.5"/>
<line x1="394.8" y1="372.5" x2="394.8" y2="375.5"/>
<line x1="406.13" y1="372.5" x2="406.13" y2="375.5"/>
<line x1="415.94" y1="372.5" x2="415.94" y2="375.5"/>
<line x1="424.59" y1="372.5" x2="424.59" y2="375.5"/>
<line x1="483.26" y1="372.5" x2="483.26" y2="375.5"/>
<line x1="513.05" y1="372.5" x2="513.05" y2="375.5"/>
<line x1="534.18" y1="372.5" x2="534.18" y2="375.5"/>
<line x1="550.58" y1="372.5" x2="550.58" y2="375.5"/>
<line x1="563.97" y1="372.5" x2="563.97" y2="375.5"/>
<line x1="575.3" y1="372.5" x2="575.3" y2="375.5"/>
<line x1="585.11" y1="372.5" x2="585.11" y2="375.5"/>
<line x1="593.76" y1="372.5" x2="593.76" y2="375.5"/>
<line x1="47.58" y1="372.5" x2="52.58" y2="372.5"/>
<line x1="47.58" y1="274.43" x2="52.58" y2="274.43"/>
<line x1="47.58" y1="176.37" x2="52.58" y2="176.37"/>
<line x1="47.58" y1="78.3" x2="52.58" y2="78.3"/>
</g>
<g class="x-tick-labels" font-size="11" fill="#333333" text-anchor="middle">
<text x="60.58" y="389.3">0</text>
<text x="94" y="389.3">10</text>
<text x="263.16" y="389.3">100</text>
<text x="432.33" y="389.3">1k</text>
<text x="601.5" y="389.3">10k</text>
</g>
<g class="y-tick-labels" font-size="11" fill="#333333" text-anchor="end">
<text x="44.58" y="376.35">0</text>
<text x="44.58" y="278.28">10</text>
<text x="44.58" y="180.22">20</text>
<text x="44.58" y="82.15">30</text>
</g>
<g class="axis-break"><rect x="73.79" y="367.5" width="7" height="10" fill="white"/><line x1="71.79" y1="376.5" x2="75.79" y2="368.5" stroke="#333333" stroke-width="1"/><line x1="78.79" y1="376.5" x2="82.79" y2="368.5" stroke="#333333" stroke-width="1"/></g>
<text class="x-label" x="331.04" y="410.5" text-anchor="middle" font-size="12.5" fill="#111111">step</text>
<text class="y-label" x="20" y="207.75" transform="rotate(-90 20 207.75)" text-anchor="middle" font-size="12.5" fill="#111111">rank</text>
<g class="legend" font-size="11" fill="#222222">
<rect x="623.5" y="43" width="86.5" height="59" rx="3" fill="white" stroke="#cccccc" stroke-width="1"/>
<line x1="631.5" y1="55.5" x2="657.5" y2="55.5" stroke="#0072B2" stroke-width="1.8"/><circle cx="644.5" cy="55.5" r="2.6" fill="#0072B2"/><text x="663.5" y="59.35">layer 0</text>
<line x1="631.5" y1="72.5" x2="657.5" y2="72.5" stroke="#E69F00" stroke-width="1.8" stroke-dasharray="6 3.5"/><circle cx="644.5" cy="72.5" r="2.6" fill="#E69F00"/><text x="663.5" y="76.35">layer 1</text>
<line x1="631.5" y1="89.5" x2="657.5" y2="89.5" stroke="#009E73" stroke-width="1.8"/><circle cx="644.5" cy="89.5" r="2.6" fill="#009E73"/><text x="663.5" y="93.35">layer 2</text>
</g>
<g class="notes" font-size="10" font-style="italic" fill="#666666">
<text x="10" y="428">layer 1 lies on layer 0 at 5 of 5 points (drawn dashed)</text>
</g>
</svg>

"""##,
    "two columns": ##"""
<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="1440" height="440" viewBox="0 0 1440 440" font-family="sans-serif">
<title>Panel; Panel</title>
<rect width="1440" height="440" fill="white"/>
<g class="panel" transform="translate(0,0) scale(1.6)">
<rect class="background" x="0" y="0" width="450" height="275" fill="white"/>
<defs><clipPath id="p0-plot-area"><rect x="41.54" y="39" width="333.75" height="189.5"/></clipPath></defs>
<text class="title" x="208.42" y="24.25" text-anchor="middle" font-size="15" font-weight="bold" fill="#111111">Panel</text>
<g class="grid" stroke="#e8e8e8" stroke-width="1">
<line x1="45.54" y1="224.5" x2="371.29" y2="224.5"/>
<line x1="45.54" y1="107.4" x2="371.29" y2="107.4"/>
<line x1="53.54" y1="43" x2="53.54" y2="224.5"/>
<line x1="208.41" y1="43" x2="208.41" y2="224.5"/>
<line x1="363.29" y1="43" x2="363.29" y2="224.5"/>
</g>
<path class="series" data-label="a" fill="none" stroke="#0072B2" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#p0-plot-area)" d="M53.54 48.85L208.41 165.95L363.29 107.4"/>
<g class="markers" fill="#0072B2" clip-path="url(#p0-plot-area)"><circle cx="53.54" cy="48.85" r="2.6"/><circle cx="208.41" cy="165.95" r="2.6"/><circle cx="363.29" cy="107.4" r="2.6"/></g>
<rect class="frame" x="45.54" y="43" width="325.75" height="181.5" fill="none" stroke="#333333" stroke-width="1"/>
<g class="ticks" stroke="#333333" stroke-width="1">
<line x1="53.54" y1="224.5" x2="53.54" y2="229.5"/>
<line x1="208.41" y1="224.5" x2="208.41" y2="229.5"/>
<line x1="363.29" y1="224.5" x2="363.29" y2="229.5"/>
<line x1="40.54" y1="224.5" x2="45.54" y2="224.5"/>
<line x1="40.54" y1="107.4" x2="45.54" y2="107.4"/>
</g>
<g class="x-tick-labels" font-size="11" fill="#333333" text-anchor="middle">
<text x="53.54" y="241.3">0</text>
<text x="208.41" y="241.3">1</text>
<text x="363.29" y="241.3">2</text>
</g>
<g class="y-tick-labels" font-size="11" fill="#333333" text-anchor="end">
<text x="37.54" y="228.35">0</text>
<text x="37.54" y="111.25">2</text>
</g>
<text class="x-label" x="208.42" y="262.5" text-anchor="middle" font-size="12.5" fill="#111111">step</text>
<text class="y-label" x="20" y="133.75" transform="rotate(-90 20 133.75)" text-anchor="middle" font-size="12.5" fill="#111111">rank</text>
<g class="legend" font-size="11" fill="#222222">
<rect x="385.29" y="43" width="54.71" height="25" rx="3" fill="white" stroke="#cccccc" stroke-width="1"/>
<line x1="393.29" y1="55.5" x2="419.29" y2="55.5" stroke="#0072B2" stroke-width="1.8"/><circle cx="406.29" cy="55.5" r="2.6" fill="#0072B2"/><text x="425.29" y="59.35">a</text>
</g>
</g>
<g class="panel" transform="translate(720,0) scale(1.6)">
<rect class="background" x="0" y="0" width="450" height="275" fill="white"/>
<defs><clipPath id="p1-plot-area"><rect x="41.54" y="39" width="333.75" height="189.5"/></clipPath></defs>
<text class="title" x="208.42" y="24.25" text-anchor="middle" font-size="15" font-weight="bold" fill="#111111">Panel</text>
<g class="grid" stroke="#e8e8e8" stroke-width="1">
<line x1="45.54" y1="224.5" x2="371.29" y2="224.5"/>
<line x1="45.54" y1="107.4" x2="371.29" y2="107.4"/>
<line x1="53.54" y1="43" x2="53.54" y2="224.5"/>
<line x1="208.41" y1="43" x2="208.41" y2="224.5"/>
<line x1="363.29" y1="43" x2="363.29" y2="224.5"/>
</g>
<path class="series" data-label="a" fill="none" stroke="#0072B2" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#p1-plot-area)" d="M53.54 48.85L208.41 165.95L363.29 107.4"/>
<g class="markers" fill="#0072B2" clip-path="url(#p1-plot-area)"><circle cx="53.54" cy="48.85" r="2.6"/><circle cx="208.41" cy="165.95" r="2.6"/><circle cx="363.29" cy="107.4" r="2.6"/></g>
<rect class="frame" x="45.54" y="43" width="325.75" height="181.5" fill="none" stroke="#333333" stroke-width="1"/>
<g class="ticks" stroke="#333333" stroke-width="1">
<line x1="53.54" y1="224.5" x2="53.54" y2="229.5"/>
<line x1="208.41" y1="224.5" x2="208.41" y2="229.5"/>
<line x1="363.29" y1="224.5" x2="363.29" y2="229.5"/>
<line x1="40.54" y1="224.5" x2="45.54" y2="224.5"/>
<line x1="40.54" y1="107.4" x2="45.54" y2="107.4"/>
</g>
<g class="x-tick-labels" font-size="11" fill="#333333" text-anchor="middle">
<text x="53.54" y="241.3">0</text>
<text x="208.41" y="241.3">1</text>
<text x="363.29" y="241.3">2</text>
</g>
<g class="y-tick-labels" font-size="11" fill="#333333" text-anchor="end">
<text x="37.54" y="228.35">0</text>
<text x="37.54" y="111.25">2</text>
</g>
<text class="x-label" x="208.42" y="262.5" text-anchor="middle" font-size="12.5" fill="#111111">step</text>
<text class="y-label" x="20" y="133.75" transform="rotate(-90 20 133.75)" text-anchor="middle" font-size="12.5" fill="#111111">rank</text>
<g class="legend" font-size="11" fill="#222222">
<rect x="385.29" y="43" width="54.71" height="25" rx="3" fill="white" stroke="#cccccc" stroke-width="1"/>
<line x1="393.29" y1="55.5" x2="419.29" y2="55.5" stroke="#0072B2" stroke-width="1.8"/><circle cx="406.29" cy="55.5" r="2.6" fill="#0072B2"/><text x="425.29" y="59.35">a</text>
</g>
</g>
</svg>

"""##,
]
