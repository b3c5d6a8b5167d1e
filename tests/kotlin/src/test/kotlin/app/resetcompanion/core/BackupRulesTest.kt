package app.resetcompanion.core

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.w3c.dom.Element
import java.io.File
import javax.xml.parsers.DocumentBuilderFactory

/**
 * The app's Auto Backup rules (issue 21), parsed as Android parses them: with an `<include>`
 * present only included paths are backed up, so each rule set must include exactly the
 * automatic backups' folder and still exclude the profile, the databases, the preferences and
 * the no-backup folder holding the wrapped keys.
 */
class BackupRulesTest {
    private val xml = File(System.getProperty("reset.fixtures")).canonicalFile.parentFile.parentFile
        .resolve("android/app/src/main/res/xml")

    private fun rules(file: String, section: String?): List<Pair<String, String>> {
        val doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(File(xml, file))
        val root = section?.let { doc.getElementsByTagName(it).item(0) as Element } ?: doc.documentElement
        val nodes = root.childNodes
        return (0 until nodes.length).mapNotNull { nodes.item(it) as? Element }
            .map { it.tagName to "${it.getAttribute("domain")}:${it.getAttribute("path")}" }
    }

    @Test
    fun `every rule set backs up only the automatic backups folder`() {
        val sets = listOf(
            rules("backup_rules.xml", null),
            rules("data_extraction_rules.xml", "cloud-backup"),
            rules("data_extraction_rules.xml", "device-transfer"),
        )
        for (set in sets) {
            assertEquals(listOf("file:auto-backups/"), set.filter { it.first == "include" }.map { it.second })
            val excluded = set.filter { it.first == "exclude" }.map { it.second }.toSet()
            assertTrue(excluded.containsAll(setOf("file:profile/", "database:.", "sharedpref:.", "root:no_backup/")), "$excluded")
        }
    }
}
