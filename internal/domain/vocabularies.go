package domain

// The project's own vocabularies, beside the HTCDS picklists of htcds.go:
// what a form offers and what validation accepts, in the order a form
// shows them.

// CaseStatuses lists the case statuses.
var CaseStatuses = []CaseStatus{StatusActive, StatusFollowUp, StatusClosed, StatusClosedReferred}

// Stages lists the SOP stages in order: a case moves down the list.
var Stages = []Stage{StageIdentification, StageAssistance, StageReferral, StageInvestigation, StageReintegration, StageClosed}

// Priorities lists the case priorities, most urgent first.
var Priorities = []Priority{PriorityHigh, PriorityNormal, PriorityLow}

// AgeMethods lists the ways an age is estimated.
var AgeMethods = []AgeMethod{AgeSelfReported, AgeDocument, AgeAppearance, AgeMedical, AgeOther}

// BIAPriorities lists the BIA priority levels, most urgent first.
var BIAPriorities = []BIAPriority{BIAWithin2Days, BIAWithin1Week, BIAWithin30Days, BIANonUrgent}

// GuardianRelations lists how a guardian is related to the child.
var GuardianRelations = []string{"mother", "father", "relative", "appointed-guardian", "social-worker", "other"}

// DocumentKinds lists the kinds of identity and travel documents.
var DocumentKinds = []string{"passport", "national-id", "birth-certificate", "residence-permit", "other"}

// DocumentHolders lists who may hold a person's document now.
var DocumentHolders = []string{"person", "trafficker", "office", "police", "unknown"}

// ClosureReasons lists why a case may be closed.
var ClosureReasons = []ClosureReason{
	ClosedGoalsMet, ClosedReferred, ClosedReturned, ClosedDeclined, ClosedLostContact, ClosedNotTrafficked,
	ClosedDeceased, ClosedOther,
}

// ConsentPurposes lists what a consent may allow.
var ConsentPurposes = []ConsentPurpose{ConsentAssistance, ConsentInterview, ConsentReferral, ConsentSharing, ConsentStatistics}

// ConsentGivers lists who may give a consent.
var ConsentGivers = []ConsentGiver{GivenByPerson, GivenByParent, GivenByGuardian, GivenBySocialWorker}

// ConsentMethods lists how consent may be given.
var ConsentMethods = []ConsentMethod{ConsentWritten, ConsentVerbal, ConsentProxy, ConsentImplicit}

// AttachmentKinds lists the kinds of attached files.
var AttachmentKinds = []AttachmentKind{AttachmentDocument, AttachmentConsent, AttachmentPhoto, AttachmentOther}
