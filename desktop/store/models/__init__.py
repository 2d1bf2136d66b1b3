"""All tables. Importing this package registers every model on ``Base.metadata``."""

from desktop.store.models.assistance import Measure, Pairing
from desktop.store.models.checklist import DIMENSION_COLUMNS, Assessment
from desktop.store.models.conflict import Conflict
from desktop.store.models.household import Household, HouseholdEvent
from desktop.store.models.income import Income
from desktop.store.models.local import (
    DeviceState,
    HouseholdSearch,
    HouseholdVerdict,
    HouseholdVerdictMember,
    LocalSetting,
    Operation,
)
from desktop.store.models.member import Member
from desktop.store.models.monitoring import Monitoring
from desktop.store.models.photo import Photo
from desktop.store.models.policy import PolicySetting
from desktop.store.models.sync import BundleRecord, OpLink, Peer, SignedHead
from desktop.store.models.village import Village, VillageIndicator, WorkLog
from desktop.store.models.visit import FollowUp, Visit

__all__ = [
    "DIMENSION_COLUMNS",
    "Assessment",
    "BundleRecord",
    "Conflict",
    "DeviceState",
    "FollowUp",
    "Household",
    "HouseholdEvent",
    "HouseholdSearch",
    "HouseholdVerdict",
    "HouseholdVerdictMember",
    "Income",
    "LocalSetting",
    "Measure",
    "Member",
    "Monitoring",
    "OpLink",
    "Operation",
    "Pairing",
    "Peer",
    "Photo",
    "PolicySetting",
    "SignedHead",
    "Village",
    "VillageIndicator",
    "Visit",
    "WorkLog",
]
