package app.resetcompanion.presentation

import app.resetcompanion.core.model.CrisisRegion
import app.resetcompanion.core.model.Signpost

/**
 * What a crisis screen says about the region its lines are for (new-user review F30): when the
 * core fell back to its default region because none it covers matched the person, the lines are
 * another country's, and the screen says so before them — never as "help where you are". The
 * same words as the iOS app's `CrisisRegionText`.
 */
object CrisisRegionText {
    /**
     * The honest line above fallback lines, or null when the lines are the person's region's.
     * [canChooseRegion]: whether Settings (and its region choice) can be reached from here.
     */
    fun fallbackNotice(regionName: String, isFallback: Boolean, canChooseRegion: Boolean = true): String? {
        if (!isFallback) return null
        val choose = if (canChooseRegion) " If you live in a country we cover, choose it in Settings, Region for crisis resources." else ""
        return "We don't have crisis lines for where you are. If you are in danger, call your local emergency number now. " +
            "The lines below are for $regionName, not your country.$choose"
    }

    /** The signpost's notice (before its lines), from the core's `regionIsFallback`. */
    fun fallbackNotice(signpost: Signpost): String? = fallbackNotice(signpost.regionName, signpost.regionIsFallback)

    /** The lifebuoy screen's notice for [region]. */
    fun fallbackNotice(region: CrisisRegion): String? = fallbackNotice(region.regionName, region.regionIsFallback)

    /** A short caption naming the region the lines are for, so the person can check it. */
    fun caption(regionName: String, isFallback: Boolean): String = if (isFallback) "Lines for $regionName (not your region)" else "Lines for $regionName"
}
