package app.resetcompanion.core

import app.resetcompanion.core.model.ErrorKind
import app.resetcompanion.core.model.ExportFormat
import app.resetcompanion.core.model.ExportSection
import app.resetcompanion.core.model.JournalKind
import app.resetcompanion.core.model.PageSize
import app.resetcompanion.core.model.ResetException
import ca.uhn.fhir.context.FhirContext
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport
import ca.uhn.fhir.context.support.IValidationSupport
import ca.uhn.fhir.validation.FhirValidator
import ca.uhn.fhir.validation.ResultSeverityEnum
import ca.uhn.fhir.validation.SingleValidationMessage
import kotlinx.coroutines.runBlocking
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator
import org.hl7.fhir.instance.model.api.IBaseResource
import org.hl7.fhir.r4.model.Bundle
import org.hl7.fhir.r4.model.Coding
import org.hl7.fhir.r4.model.Observation
import org.hl7.fhir.r4.model.Questionnaire
import org.hl7.fhir.r4.model.QuestionnaireResponse
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.time.Instant
import java.util.zip.ZipFile

/**
 * The therapist export through the real library, and the FHIR Bundle checked by HAPI FHIR's
 * R4 validator (structure definitions, invariants, bindings, and each QuestionnaireResponse
 * against the Questionnaire the Bundle carries).
 */
class ExportTest {

    /** GAD-7 11 → 4 and PHQ-9 12 → 3 in Q1 2027 (reliable recovery), a PHQ-9 with item 9 = 1,
     *  PSS-10 and WSAS (one item not applicable), a check-in, one shared and one private entry. */
    private fun profile(dir: File): ResetStore = openStore(dir).also { store ->
        runBlocking {
            for ((id, answers, at) in listOf(
                Triple("gad7", "2,2,2,2,1,1,1", "2027-01-04T10:00:00Z"),
                Triple("phq9", "2,2,2,2,1,1,1,1,0", "2027-01-04T10:05:00Z"),
                Triple("phq9", "1,1,1,1,1,1,1,1,1", "2027-02-01T10:00:00Z"),
                Triple("pss10", "0,1,2,3,4,0,1,2,3,4", "2027-02-15T10:00:00Z"),
                Triple("wsas", "na,2,2,2,2", "2027-02-15T10:10:00Z"),
                Triple("gad7", "1,1,1,1,0,0,0", "2027-03-01T10:00:00Z"),
                Triple("phq9", "1,1,1,0,0,0,0,0,0", "2027-03-01T10:05:00Z"),
            )) {
                store.call { it.takeAssessment(id, parseAssessmentAnswers(answers), Instant.parse(at), "GB") }
            }
            store.checkIn(3, note = "a private note", at = Instant.parse("2027-01-05T08:00:00Z"))
            store.addJournalEntry(
                journalBodyFromText(JournalKind.FREE, "Walked to the park"),
                sharedWithTherapist = true,
                at = Instant.parse("2027-02-20T18:00:00Z"),
            )
            store.addJournalEntry(
                journalBodyFromText(JournalKind.FREE, "never leaves the phone"),
                at = Instant.parse("2027-02-21T18:00:00Z"),
            )
        }
    }

    private val q1 = TherapistExport(from = day("2027-01-01"), to = day("2027-03-27"), include = ExportSection.entries)

    @Test
    fun `the preview counts what will be written and leaves private entries out`() = runBlocking<Unit> {
        profile(scratchDir()).use { store ->
            val p = store.exportPreview(q1)
            assertEquals(7uL, p.assessments)
            assertEquals(1uL, p.safetyEvents)
            assertEquals(1uL, p.checkIns)
            assertEquals(1uL, p.sharedJournalEntries)
            assertEquals(1uL, p.privateJournalEntries)
            assertEquals(1uL, store.exportPreview(TherapistExport()).sharedJournalEntries, "shared entries are in by default")
        }
    }

    @Test
    fun `the FHIR Bundle passes HAPI's R4 validator with no errors`() = runBlocking<Unit> {
        val dir = scratchDir()
        profile(dir).use { store ->
            val out = File(dir, "bundle.json")
            val summary = store.exportForTherapist(ExportFormat.FHIR, out.path, q1)
            // Patient, 4 Questionnaires, 7 responses, 7 totals, then one Observation per item,
            // per crisis signpost (issue 17) and per check-in (therapist read-through); the
            // summary counts only what the Bundle holds.
            assertEquals(1uL, summary.counts.checkIns)
            assertEquals(0uL, summary.counts.practiceSessions)
            assertEquals(listOf(ExportSection.ASSESSMENTS, ExportSection.CHECK_INS, ExportSection.SAFETY_PLAN), summary.counts.sections)
            val json = out.readText()
            assertFalse(json.contains("never leaves the phone") || json.contains("Walked to the park"))

            val bundle = Fhir.context.newJsonParser().parseResource(Bundle::class.java, json)
            assertEquals(Bundle.BundleType.COLLECTION, bundle.type)
            assertEquals(summary.resources.toInt(), bundle.entry.size)
            val totals = bundle.entry.map { it.resource }.filterIsInstance<Observation>().filter { it.hasMember.isNotEmpty() }
            assertEquals(7, totals.size)
            assertTrue(totals.all { it.interpretationFirstRep.codingFirstRep.hasDisplay() })
            val errors = Fhir.errors(json, bundle)
            assertTrue(errors.isEmpty(), "HAPI found errors:\n" + errors.joinToString("\n") { "${it.locationString} ${it.message}" })

            val gad7 = bundle.entry.map { it.resource }.filterIsInstance<Observation>()
                .first { it.code.codingFirstRep.code == "70274-6" }
            assertEquals("http://loinc.org", gad7.code.codingFirstRep.system)
            assertEquals(11, gad7.valueIntegerType.value)
            assertEquals("survey", gad7.categoryFirstRep.codingFirstRep.code)
            assertTrue(gad7.derivedFromFirstRep.reference.startsWith("urn:uuid:"))
            val response = bundle.entry.map { it.resource }.filterIsInstance<QuestionnaireResponse>().first()
            val answer: Coding = response.itemFirstRep.answerFirstRep.valueCoding
            assertEquals("LA6570-1", answer.code)
            assertEquals("69725-0", response.itemFirstRep.linkId)
        }
    }

    @Test
    fun `the validator is real - a wrong answer code is an error`() = runBlocking<Unit> {
        val dir = scratchDir()
        profile(dir).use { store ->
            val out = File(dir, "bundle.json")
            store.exportForTherapist(ExportFormat.FHIR, out.path, q1)
            val tampered = out.readText().replaceFirst("\"LA6570-1\"", "\"LA0000-0\"")
            val bundle = Fhir.context.newJsonParser().parseResource(Bundle::class.java, tampered)
            assertFalse(Fhir.errors(tampered, bundle).isEmpty())
        }
    }

    @Test
    fun `a PDF and a CSV zip are written with progress that only grows`() = runBlocking<Unit> {
        val dir = scratchDir()
        profile(dir).use { store ->
            val seen = mutableListOf<Pair<Long, Long>>()
            val pdf = File(dir, "report.pdf")
            val s = store.exportForTherapist(ExportFormat.PDF, pdf.path, q1.copy(pageSize = PageSize.LETTER, name = "Alex")) { d, t ->
                seen += d to t
            }
            assertTrue(pdf.readBytes().copyOfRange(0, 5).decodeToString() == "%PDF-")
            assertTrue(s.pages >= 5u)
            assertEquals(1000L to 1000L, seen.last())
            assertEquals(seen.map { it.first }.sorted(), seen.map { it.first })

            val zip = File(dir, "export.zip")
            val csv = store.exportForTherapist(ExportFormat.CSV, zip.path, q1)
            ZipFile(zip).use { z ->
                assertEquals(csv.files.toSet(), z.entries().toList().map { it.name }.toSet())
                val rows = z.getInputStream(z.getEntry("assessments.csv")).bufferedReader().readLines()
                // Issue 17: a UTF-8 byte-order mark so spreadsheet apps read the text right.
                assertTrue(rows[0].startsWith("\uFEFF"), "no byte-order mark")
                assertTrue(rows[0].removePrefix("\uFEFF").startsWith("date,local_date,time_zone,instrument,total,max,severity,prorated,item_1"))
                assertEquals(8, rows.size)
            }
        }
    }

    @Test
    fun `a missing folder is invalid input naming out`() {
        profile(scratchDir()).use { store ->
            val e = assertThrowsReset(ErrorKind.INVALID_INPUT) {
                store.exportForTherapist(ExportFormat.PDF, "/no/such/folder/report.pdf")
            }
            assertEquals("out", (e as ResetException.InvalidInput).field)
        }
    }
}

/** HAPI FHIR's R4 validator, built once (it takes seconds to load the specification). */
private object Fhir {
    val context: FhirContext = FhirContext.forR4()

    /** Validation messages of severity error or fatal for [json]; [bundle] supplies its Questionnaires. */
    fun errors(json: String, bundle: Bundle): List<SingleValidationMessage> {
        val chain = ValidationSupportChain(
            DefaultProfileValidationSupport(context),
            BundleQuestionnaires(context, bundle),
            InMemoryTerminologyServerValidationSupport(context),
            CommonCodeSystemsTerminologyService(context),
        )
        val validator: FhirValidator = context.newValidator().registerValidatorModule(FhirInstanceValidator(chain))
        return validator.validateWithResult(json).messages
            .filter { it.severity == ResultSeverityEnum.ERROR || it.severity == ResultSeverityEnum.FATAL }
    }
}

/** Lets the validator resolve `QuestionnaireResponse.questionnaire` to the Bundle's own Questionnaires. */
private class BundleQuestionnaires(private val ctx: FhirContext, bundle: Bundle) : IValidationSupport {
    private val byUrl = bundle.entry.mapNotNull { it.resource as? Questionnaire }.associateBy { it.url }

    override fun getFhirContext(): FhirContext = ctx

    @Suppress("UNCHECKED_CAST")
    override fun <T : IBaseResource?> fetchResource(theClass: Class<T>?, theUri: String): T? {
        val q = byUrl[theUri.substringBefore('|')] ?: return null
        return if (theClass == null || theClass.isInstance(q)) q as T else null
    }
}
